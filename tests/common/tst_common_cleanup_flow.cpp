// CleanupFlow, the Cleanup of both windows: a bad prefix is refused, stale objects go without a
// question, live users and queued names make it ask (keep or remove), and a window whose server
// is elsewhere gets the "this machine only" note in the question and the report.
#include "cleanup_flow.h"
#include "ipc/attachment.h"
#include "ipc/endpoint.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"
#include "ipc_test_prefix.h"

#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>
#include <memory>
#include <optional>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::common;

Q_DECLARE_METATYPE(prodcons::common::CleanupFlow::Outcome)

class tst_CommonCleanupFlow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::unique_ptr<QWidget> m_window;

    QString prefix() const { return QString::fromStdString(m_prefix->prefix()); }

    QMessageBox* question() const
    {
        auto* box = m_window->findChild<QMessageBox*>(QStringLiteral("cleanupConfirmation"));
        return box && box->isVisible() ? box : nullptr;
    }

    static void answer(QMessageBox* box, const char* button)
    {
        QTest::mouseClick(box->findChild<QPushButton*>(QLatin1String(button)), Qt::LeftButton);
    }

    static CleanupFlow::Outcome outcomeOf(const QSignalSpy& finished)
    {
        return finished.at(0).at(0).value<CleanupFlow::Outcome>();
    }

private slots:
    void initTestCase() { qRegisterMetaType<CleanupFlow::Outcome>(); }

    void init()
    {
        m_prefix = std::make_unique<test::IpcTestPrefix>();
        m_window = std::make_unique<QWidget>();
        m_window->show();
    }

    void cleanup()
    {
        m_window.reset();
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
    }

    void aBadPrefixIsRefusedWithoutTrying()
    {
        CleanupFlow flow(m_window.get());
        QSignalSpy finished(&flow, &CleanupFlow::finished);
        QSignalSpy busy(&flow, &CleanupFlow::busyChanged);
        flow.begin(QStringLiteral("no-slash"));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(outcomeOf(finished), CleanupFlow::Outcome::NotRun);
        QVERIFY(finished.at(0).at(1).toString().startsWith(QLatin1String("cannot clean up: ")));
        QCOMPARE(busy.count(), 0);
        QVERIFY(!flow.busy());
    }

    // Objects left by a process that died: removed without a question, and reported.
    void staleObjectsGoWithoutAQuestion()
    {
        QVERIFY(test::leave_stale_objects(m_prefix->config())); // as if a server crashed
        QVERIFY(!m_prefix->leftovers().isEmpty());

        CleanupFlow flow(m_window.get());
        QSignalSpy finished(&flow, &CleanupFlow::finished);
        flow.begin(prefix());
        QVERIFY(flow.busy());
        QVERIFY(finished.wait(10000));
        QVERIFY(!question());
        QCOMPARE(outcomeOf(finished), CleanupFlow::Outcome::Removed);
        const QString report = finished.at(0).at(1).toString();
        QVERIFY2(report.startsWith(QLatin1String("cleanup: removed")), qPrintable(report));
        QVERIFY2(report.contains(prefix() + QLatin1String("_shm")), qPrintable(report));
        QVERIFY2(!report.contains(QLatin1String("this machine only")), qPrintable(report));
        QVERIFY(!flow.busy());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    // This process is attached and has a name queued: the flow asks; keeping the objects
    // removes nothing; removing them anyway reports it, with the note for a remote server.
    void liveUsersAndQueuedNamesMakeItAsk()
    {
        auto attached = ipc::Attachment::attach(m_prefix->config(), ipc::Mode::Shm);
        IPC_VERIFY(attached);
        std::optional<ipc::Attachment> attachment(std::move(attached).value());
        {
            auto producer = ipc::Endpoint::join(*attachment, ipc::Endpoint::Role::Producer);
            IPC_VERIFY(producer);
            IPC_VERIFY(producer.value().put("queued"));
        }

        CleanupFlow flow(m_window.get());
        QSignalSpy finished(&flow, &CleanupFlow::finished);
        QSignalSpy cancelled(&flow, &CleanupFlow::cancelled);
        flow.begin(prefix());
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = question()));
        QVERIFY(flow.busy());
        const QString risk = box->informativeText();
        QVERIFY2(risk.contains(QStringLiteral("%1 (this window)").arg(::getpid())),
                 qPrintable(risk));
        QVERIFY2(risk.contains(QLatin1String("1 live server")), qPrintable(risk));
        QVERIFY2(risk.contains(QLatin1String("1 queued name")), qPrintable(risk));
        QVERIFY2(!risk.contains(QLatin1String("another machine")), qPrintable(risk));
        answer(box, "keepObjects");
        QTRY_COMPARE(cancelled.count(), 1);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!flow.busy());
        QVERIFY(!m_prefix->leftovers().isEmpty());

        flow.begin(prefix(), QStringLiteral("192.0.2.10"));
        QTRY_VERIFY((box = question()));
        QVERIFY2(box->informativeText().contains(
                     QLatin1String("the server at 192.0.2.10 is on another machine")),
                 qPrintable(box->informativeText()));
        answer(box, "removeAnyway");
        QVERIFY(finished.wait(10000));
        QCOMPARE(outcomeOf(finished), CleanupFlow::Outcome::Removed);
        const QString report = finished.at(0).at(1).toString();
        QVERIFY2(report.contains(QLatin1String("1 live server was still attached")),
                 qPrintable(report));
        QVERIFY2(report.contains(QLatin1String("this machine only")), qPrintable(report));
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(m_prefix->leftovers(), QStringList());
        attachment.reset(); // leaving objects already removed must not bring them back
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }
};

QTEST_MAIN(tst_CommonCleanupFlow)
#include "tst_common_cleanup_flow.moc"
