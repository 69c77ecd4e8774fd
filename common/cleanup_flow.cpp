#include "cleanup_flow.h"

#include "ipc/cleanup.h"

#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QThread>
#include <memory>
#include <unistd.h>

namespace prodcons::common {

QString cleanupRisk(const ipc::Snapshot& snapshot, pid_t self)
{
    QStringList risks;
    const std::vector<pid_t> pids = snapshot.live_user_pids();
    if (!pids.empty()) {
        QStringList who;
        for (const pid_t pid : pids)
            who << (pid == self ? CleanupFlow::tr("%1 (this window)").arg(pid)
                                : QString::number(pid));
        risks << CleanupFlow::tr("%n live server(s) use these objects (pid %1). They keep "
                                 "serving their clients with the removed objects, but no longer "
                                 "share a buffer with servers started later.",
                                 nullptr, static_cast<int>(pids.size()))
                     .arg(who.join(QStringLiteral(", ")));
    }
    const std::uint64_t queued = snapshot.queued(ipc::Mode::Shm) + snapshot.queued(ipc::Mode::Mq);
    if (queued > 0)
        risks << CleanupFlow::tr("%1 queued name(s) will be discarded.")
                     .arg(QLocale().toString(static_cast<qulonglong>(queued)));
    return risks.join(QLatin1Char('\n'));
}

CleanupFlow::CleanupFlow(QWidget* dialogParent)
    : QObject(dialogParent), m_dialogParent(dialogParent)
{}

CleanupFlow::~CleanupFlow()
{
    // A cleanup waits at most a couple of seconds for the life-cycle lock (a broker's queue: for
    // the connection's time limit); let it finish rather than leave a thread running past its
    // owner.
    if (m_thread) {
        m_thread->wait();
        delete m_thread.data(); // its finished() handler, which would delete it, dies with us
    }
}

void CleanupFlow::begin(const QString& prefix, const QString& remoteServer)
{
    if (m_busy)
        return;
    const auto names = ipc::ObjectNames::from_prefix(prefix.toStdString());
    if (!names) {
        emit finished(
            Outcome::NotRun,
            tr("cannot clean up: %1").arg(QString::fromStdString(ipc::describe(names.error()))));
        return;
    }
    setBusy(true);
    const QString remote = remoteServer.trimmed();
    const auto snapshot = ipc::inspect(names.value());
    // An unreadable control block (another user's, another layout) is still worth removing;
    // say what could not be looked at and ask.
    const QString risk = snapshot
                             ? cleanupRisk(snapshot.value(), ::getpid())
                             : tr("The objects could not be inspected: %1")
                                   .arg(QString::fromStdString(ipc::describe(snapshot.error())));
    if (risk.isEmpty())
        run(names.value(), remote);
    else
        ask(prefix, risk, names.value(), remote);
}

void CleanupFlow::ask(const QString& prefix, const QString& risk, const ipc::ObjectNames& names,
                      const QString& remoteServer)
{
    QString details = risk;
    if (!remoteServer.isEmpty())
        details += QStringLiteral("\n\n") +
                   tr("Cleanup acts on this machine only: the server at %1 is on another "
                      "machine and is not affected.")
                       .arg(remoteServer);
    confirm(tr("Remove the shared objects?"),
            tr("Cleanup removes every IPC object of prefix %1 on this machine, whoever uses them.")
                .arg(prefix),
            details + QStringLiteral("\n\n") + tr("Remove them anyway?"),
            [this, names, remoteServer] { run(names, remoteServer); });
}

void CleanupFlow::begin(const CleanupTarget& target)
{
    if (m_busy)
        return;
    setBusy(true);
    auto risk = std::make_shared<QString>();
    work([target, risk] { *risk = target.risk(); },
         [this, target, risk] {
             if (risk->isEmpty())
                 removeTarget(target);
             else
                 confirm(target.question, target.what,
                         *risk + QStringLiteral("\n\n") + tr("Remove it anyway?"),
                         [this, target] { removeTarget(target); });
         });
}

void CleanupFlow::removeTarget(const CleanupTarget& target)
{
    auto removal = std::make_shared<CleanupTarget::Removal>();
    work([target, removal] { *removal = target.remove(); },
         [this, removal] {
             setBusy(false);
             emit finished(removal->removed ? Outcome::Removed : Outcome::PartlyFailed,
                           removal->report);
         });
}

void CleanupFlow::confirm(const QString& title, const QString& text, const QString& details,
                          std::function<void()> onRemove)
{
    auto* box = new QMessageBox(m_dialogParent);
    box->setObjectName(QStringLiteral("cleanupConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(title);
    box->setText(text);
    box->setInformativeText(details);
    QPushButton* remove = box->addButton(tr("&Remove anyway"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("removeAnyway"));
    QPushButton* keep = box->addButton(QMessageBox::Cancel);
    keep->setObjectName(QStringLiteral("keepObjects"));
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    m_question = box;
    connect(box, &QMessageBox::buttonClicked, this,
            [this, remove, onRemove = std::move(onRemove)](QAbstractButton* button) {
                m_question = nullptr;
                if (button == remove) {
                    onRemove();
                } else {
                    setBusy(false);
                    emit cancelled();
                }
            });
    // Closing the box by its title bar counts as no. Only this box's own question: it is
    // deleted later, maybe when a cleanup begun since is already asking or running.
    connect(box, &QObject::destroyed, this, [this, box] {
        if (m_question != box)
            return;
        m_question = nullptr;
        setBusy(false);
        emit cancelled();
    });
    box->open();
}

void CleanupFlow::run(const ipc::ObjectNames& names, const QString& remoteServer)
{
    auto report = std::make_shared<ipc::CleanupReport>();
    work([names, report] { *report = ipc::cleanup(names); },
         [this, report, remoteServer] {
             bool failed = false;
             for (const auto& item : report->items)
                 failed = failed || !item.error.empty();
             QString text = tr("cleanup: %1").arg(QString::fromStdString(report->summary()));
             if (!remoteServer.isEmpty())
                 text += tr(" (on this machine only; the server's machine is not affected)");
             m_lastReport = *report;
             setBusy(false);
             emit finished(failed ? Outcome::PartlyFailed : Outcome::Removed, text);
         });
}

void CleanupFlow::work(std::function<void()> job, std::function<void()> then)
{
    QThread* thread = QThread::create(std::move(job));
    m_thread = thread;
    connect(thread, &QThread::finished, this, [this, thread, then = std::move(then)] {
        thread->deleteLater();
        m_thread = nullptr;
        then();
    });
    thread->start();
}

void CleanupFlow::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace prodcons::common
