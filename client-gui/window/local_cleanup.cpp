#include "local_cleanup.h"

#include "ipc/cleanup.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QPushButton>
#include <QThread>
#include <algorithm>
#include <memory>

namespace prodcons::client {

LocalCleanup::LocalCleanup(QWidget* dialogParent)
    : QObject(dialogParent), m_dialogParent(dialogParent)
{}

LocalCleanup::~LocalCleanup()
{
    // A cleanup waits at most a couple of seconds for the life-cycle lock; let it finish rather
    // than leave a thread running past its owner.
    if (m_thread)
        m_thread->wait();
}

QString LocalCleanup::risk(const ipc::Snapshot& snapshot)
{
    QStringList risks;
    const std::vector<pid_t> pids = snapshot.live_user_pids();
    if (!pids.empty()) {
        QStringList who;
        for (const pid_t pid : pids)
            who << QString::number(pid);
        risks << tr("%n live server(s) use these objects (pid %1). They keep serving their "
                    "clients with the removed objects, but no longer share a buffer with "
                    "servers started later.",
                    nullptr, int(pids.size()))
                     .arg(who.join(QStringLiteral(", ")));
    }
    const std::uint64_t queued = snapshot.queued(ipc::Mode::Shm) + snapshot.queued(ipc::Mode::Mq);
    if (queued > 0)
        risks << tr("%1 queued name(s) will be discarded.")
                     .arg(QLocale().toString(qulonglong(queued)));
    return risks.join(QLatin1Char('\n'));
}

void LocalCleanup::begin(const QString& prefix, const QString& serverHost)
{
    if (m_busy)
        return;
    const auto names = ipc::ObjectNames::from_prefix(prefix.toStdString());
    if (!names) {
        emit finished(
            true,
            tr("cannot clean up: %1").arg(QString::fromStdString(ipc::describe(names.error()))));
        return;
    }
    setBusy(true);
    const bool remote = !isLocalHost(serverHost);
    const auto snapshot = ipc::inspect(names.value());
    // An unreadable control block (another user's, another layout) is still worth removing;
    // say what could not be looked at and ask.
    QString risk = snapshot ? LocalCleanup::risk(snapshot.value())
                            : tr("The objects could not be inspected: %1")
                                  .arg(QString::fromStdString(ipc::describe(snapshot.error())));
    if (risk.isEmpty()) {
        run(names.value(), remote);
        return;
    }
    if (remote)
        risk += QStringLiteral("\n\n") +
                tr("Cleanup acts on this machine only: the server at %1 is on another machine "
                   "and is not affected.")
                    .arg(serverHost.trimmed());

    auto* box = new QMessageBox(m_dialogParent);
    box->setObjectName(QStringLiteral("cleanupConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Remove the shared objects?"));
    box->setText(
        tr("Cleanup removes every IPC object of prefix %1 on this machine, whoever uses them.")
            .arg(prefix));
    box->setInformativeText(risk + QStringLiteral("\n\n") + tr("Remove them anyway?"));
    QPushButton* remove = box->addButton(tr("&Remove anyway"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("removeAnyway"));
    QPushButton* keep = box->addButton(QMessageBox::Cancel);
    keep->setObjectName(QStringLiteral("keepObjects"));
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    const ipc::ObjectNames objectNames = names.value();
    connect(box, &QMessageBox::buttonClicked, this,
            [this, remove, objectNames, remote](QAbstractButton* button) {
                if (button == remove) {
                    run(objectNames, remote);
                } else {
                    setBusy(false);
                    emit cancelled();
                }
            });
    // Closing the box by its title bar counts as no.
    connect(box, &QObject::destroyed, this, [this] {
        if (m_busy && !m_thread) {
            setBusy(false);
            emit cancelled();
        }
    });
    box->open();
}

void LocalCleanup::run(const ipc::ObjectNames& names, bool remote)
{
    auto report = std::make_shared<ipc::CleanupReport>();
    QThread* thread = QThread::create([names, report] { *report = ipc::cleanup(names); });
    m_thread = thread;
    connect(thread, &QThread::finished, this, [this, thread, report, remote] {
        thread->deleteLater();
        m_thread = nullptr;
        bool failed = false;
        for (const auto& item : report->items)
            failed = failed || !item.error.empty();
        QString text = tr("cleanup: %1").arg(QString::fromStdString(report->summary()));
        if (remote)
            text += tr(" (on this machine only; the server's machine is not affected)");
        setBusy(false);
        emit finished(failed, text);
    });
    thread->start();
}

void LocalCleanup::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

bool LocalCleanup::isLocalHost(const QString& host)
{
    const QString trimmed = host.trimmed();
    if (trimmed.isEmpty() ||
        trimmed.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
        trimmed.compare(QHostInfo::localHostName(), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(trimmed);
    if (address.isNull())
        return false; // another machine's name: no lookup from here
    if (address.isLoopback())
        return true;
    const QList<QHostAddress> own = QNetworkInterface::allAddresses();
    return std::any_of(own.begin(), own.end(),
                       [&](const QHostAddress& a) { return a.isEqual(address); });
}

} // namespace prodcons::client
