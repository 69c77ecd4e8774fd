// Object names from a prefix, geometry limits, and error texts at the POSIX boundary.
#include "ipc/config.h"
#include "ipc/error.h"
#include "ipc/object_names.h"

#include <QTest>
#include <cerrno>

using namespace prodcons::ipc;

class tst_IpcNames : public QObject
{
    Q_OBJECT

private slots:
    void defaultNamesAreTheClassicOnes()
    {
        const ObjectNames names = ObjectNames::defaults();
        QCOMPARE(QByteArray(names.control), QByteArray("/prodcons_shm"));
        QCOMPARE(QByteArray(names.mutex), QByteArray("/prodcons_mutex"));
        QCOMPARE(QByteArray(names.empty), QByteArray("/prodcons_empty"));
        QCOMPARE(QByteArray(names.full), QByteArray("/prodcons_full"));
        QCOMPARE(QByteArray(names.queue), QByteArray("/prodcons_mq"));
    }

    void prefixIsChecked_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<bool>("valid");
        QTest::newRow("default") << QByteArray("/prodcons") << true;
        QTest::newRow("test style") << QByteArray("/pct123_4") << true;
        QTest::newRow("dots and dashes") << QByteArray("/a.b-c") << true;
        QTest::newRow("no slash") << QByteArray("prodcons") << false;
        QTest::newRow("only slash") << QByteArray("/") << false;
        QTest::newRow("inner slash") << QByteArray("/a/b") << false;
        QTest::newRow("space") << QByteArray("/a b") << false;
        QTest::newRow("too long") << QByteArray("/" + QByteArray(48, 'x')) << false;
        QTest::newRow("longest") << QByteArray("/" + QByteArray(47, 'x')) << true;
    }

    void prefixIsChecked()
    {
        QFETCH(QByteArray, prefix);
        QFETCH(bool, valid);
        auto names = ObjectNames::from_prefix(prefix.toStdString());
        QCOMPARE(names.ok(), valid);
        if (valid)
            QCOMPARE(QByteArray(names->queue), prefix + "_mq");
        else
            QCOMPARE(names.error().code, Errc::BadPrefix);
    }

    void geometryLimits()
    {
        QVERIFY(Geometry{}.check().ok());
        Geometry g;
        g.capacity = 0;
        QVERIFY(!g.check().ok());
        g = Geometry{};
        g.slot_size = 8;
        QVERIFY(!g.check().ok());
        QVERIFY(QByteArray(describe(g.check().error()).c_str()).contains("slot size 8"));
        QCOMPARE(Geometry{}.max_name_length(), 255u);
    }

    void posixErrorNamesCallObjectAndErrno()
    {
        const Error e = Error::posix("sem_open", "/prodcons_full", EACCES);
        QCOMPARE(QByteArray(describe(e).c_str()),
                 QByteArray("sem_open(\"/prodcons_full\"): EACCES (Permission denied)"));
    }

    void otherErrorsCarryTheirDetail()
    {
        const Error e = Error::make(Errc::LayoutMismatch, "check_layout", "/x_shm", "bad magic");
        QCOMPARE(QByteArray(describe(e).c_str()),
                 QByteArray("check_layout(\"/x_shm\"): incompatible layout: bad magic"));
    }

    void longObjectNamesAreTruncatedNotOverflowed()
    {
        const std::string huge(500, 'n');
        const Error e = Error::posix("shm_open", huge, ENOENT);
        QCOMPARE(std::strlen(e.object), sizeof e.object - 1);
    }
};

QTEST_GUILESS_MAIN(tst_IpcNames)
#include "tst_ipc_names.moc"
