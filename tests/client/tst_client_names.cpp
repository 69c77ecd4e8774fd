// The bundled names lists (Qt resources in a static library), user files, and the name order.
#include "bundled_names.h"
#include "name_check.h"
#include "name_list.h"
#include "name_source.h"
#include "protocol_limits.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace prodcons::client;

class tst_ClientNames : public QObject
{
    Q_OBJECT

private slots:
    void bundledListIsCompiledInAndRegistered();
    void bundledListIsVariedAndValid();
    void czechListIsCompiledInAndTheServerStoresEveryName();
    void bundledListsAreChosenByName();
    void textIsTrimmedAndFiltered();
    void userFileReplacesTheList();
    void missingOrEmptyFileIsAnError();
    void cycleGoesRoundInListOrder();
    void shuffleVisitsEveryNameOncePerPass();
    void emptyListStillGivesAName();
};

void tst_ClientNames::bundledListIsCompiledInAndRegistered()
{
    // This test links the static library only: the resource must still be found.
    QVERIFY(QFile::exists(prodcons::resources::bundledNamesPath()));
    QVERIFY(NameList::bundled().size() >= 300);
}

void tst_ClientNames::bundledListIsVariedAndValid()
{
    const NameList list = NameList::bundled();
    QCOMPARE(list.rejectedLines(), 0);
    QSet<QByteArray> distinct;
    int nonAscii = 0;
    for (const QByteArray& name : list.names()) {
        QVERIFY2(NameList::isValidName(name), name.constData());
        QVERIFY2(!name.contains('#'), name.constData()); // '#' starts a tag
        distinct.insert(name);
        if (std::any_of(name.begin(), name.end(), [](char c) { return c & 0x80; }))
            ++nonAscii;
    }
    QCOMPARE(distinct.size(), list.size());
    QVERIFY(nonAscii >= 20); // some UTF-8, not only ASCII
    QVERIFY(distinct.contains("Søren"));
}

void tst_ClientNames::czechListIsCompiledInAndTheServerStoresEveryName()
{
    QVERIFY(QFile::exists(prodcons::resources::czechNamesPath()));
    const NameList list = NameList::bundled(NameList::Bundled::Czech);
    QCOMPARE(list.rejectedLines(), 0);
    QVERIFY(list.size() >= 250);
    QSet<QByteArray> distinct;
    int nonAscii = 0;
    for (const QByteArray& name : list.names()) {
        QVERIFY2(NameList::isValidName(name), name.constData());
        QVERIFY2(!name.contains('#'), name.constData()); // '#' starts a tag
        // What the server's child checks before it stores a name (UTF-8 is welcome there).
        QVERIFY2(prodcons::server::check_name(
                     std::string_view(name.constData(), std::size_t(name.size())), 255) ==
                     prodcons::server::NameVerdict::Ok,
                 name.constData());
        distinct.insert(name);
        if (std::any_of(name.begin(), name.end(), [](char c) { return c & 0x80; }))
            ++nonAscii;
    }
    QCOMPARE(distinct.size(), list.size());
    QVERIFY(nonAscii >= 100); // diacritics: Jiří, Kateřina, Tomáš, ...
    for (const char* name : {"Jiří", "Kateřina", "Tomáš", "Věra", "Přemysl", "Šárka", "Čeněk"})
        QVERIFY2(distinct.contains(name), name);
    QVERIFY(!distinct.contains("Søren")); // not the international list
}

void tst_ClientNames::bundledListsAreChosenByName()
{
    using Bundled = NameList::Bundled;
    QCOMPARE(NameList::bundledByName("cs"), std::optional(Bundled::Czech));
    QCOMPARE(NameList::bundledByName("CS"), std::optional(Bundled::Czech));
    QCOMPARE(NameList::bundledByName("international"), std::optional(Bundled::International));
    QCOMPARE(NameList::bundledByName("./cs"), std::nullopt);
    QCOMPARE(NameList::bundledByName("names.txt"), std::nullopt);
    QCOMPARE(NameList::bundledByName(""), std::nullopt);
    for (const Bundled which : {Bundled::International, Bundled::Czech})
        QCOMPARE(NameList::bundledByName(NameList::bundledName(which)), std::optional(which));
    QCOMPARE(NameList::bundled().names(), NameList::bundled(Bundled::International).names());
}

void tst_ClientNames::textIsTrimmedAndFiltered()
{
    const QByteArray longestName(kMaxNameBytes, 'y'); // what the largest slots take
    const QByteArray longName(kMaxNameBytes + 1, 'x');
    const NameList list =
        NameList::fromText("  Ana  \r\n\n# a comment\nBo\tb\n" + longName + "\n" + longestName +
                           "\nZo\xEB\nERROR: not a name\nZoë\nlast-without-newline");
    QCOMPARE(list.size(), 4);
    QCOMPARE(list.at(0), QByteArrayView("Ana"));
    QCOMPARE(list.at(1), QByteArrayView(longestName));
    QCOMPARE(list.at(2), QByteArrayView("Zoë"));
    QCOMPARE(list.at(3), QByteArrayView("last-without-newline"));
    // The tab, the 8192 bytes, the Latin-1 byte and the line the server would take for an error.
    QCOMPARE(list.rejectedLines(), 4);
}

void tst_ClientNames::userFileReplacesTheList()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath("names.txt"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Alpha\nBeta\n");
    file.close();
    QString error;
    const NameList list = NameList::fromFile(file.fileName(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(list.names(), (QList<QByteArray>{"Alpha", "Beta"}));
}

void tst_ClientNames::missingOrEmptyFileIsAnError()
{
    QString error;
    QVERIFY(NameList::fromFile("/nonexistent/names.txt", &error).isEmpty());
    QVERIFY(error.contains("/nonexistent/names.txt"));
    QTemporaryDir dir;
    QFile file(dir.filePath("empty.txt"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# only a comment\n\n");
    file.close();
    error.clear();
    QVERIFY(NameList::fromFile(file.fileName(), &error).isEmpty());
    QVERIFY(error.contains("no usable name"));
}

void tst_ClientNames::cycleGoesRoundInListOrder()
{
    NameSource source(NameList::fromText("a\nb\nc"), NameSource::Order::Cycle);
    QByteArray seen;
    for (int i = 0; i < 7; ++i)
        seen += source.next().toByteArray();
    QCOMPARE(seen, QByteArray("abcabca"));
}

void tst_ClientNames::shuffleVisitsEveryNameOncePerPass()
{
    const NameList list = NameList::bundled();
    NameSource source(list, NameSource::Order::Shuffle, 42);
    QList<QByteArray> firstPass, secondPass;
    for (qsizetype i = 0; i < list.size(); ++i)
        firstPass.append(source.next().toByteArray());
    for (qsizetype i = 0; i < list.size(); ++i)
        secondPass.append(source.next().toByteArray());
    QVERIFY(firstPass != list.names()); // shuffled ...
    QVERIFY(firstPass != secondPass);   // ... afresh each pass ...
    std::sort(firstPass.begin(), firstPass.end());
    std::sort(secondPass.begin(), secondPass.end());
    QList<QByteArray> sorted = list.names();
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(firstPass, sorted); // ... and each pass is the whole list once
    QCOMPARE(secondPass, sorted);
    // The same seed gives the same order.
    NameSource again(list, NameSource::Order::Shuffle, 42);
    NameSource reference(list, NameSource::Order::Shuffle, 42);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(again.next(), reference.next());
}

void tst_ClientNames::emptyListStillGivesAName()
{
    NameSource source(NameList{});
    QCOMPARE(source.next(), QByteArrayView("Anonymous"));
}

QTEST_GUILESS_MAIN(tst_ClientNames)
#include "tst_client_names.moc"
