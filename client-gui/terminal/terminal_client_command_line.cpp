#include "terminal_client_command_line.h"

#include "name_tag.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <limits>

namespace prodcons::client {

namespace {

// The context is the one lupdate gives the tr() calls below, so translations/ finds them.
QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons::client::TerminalClientCommandLine", text);
}

// The options that take a value, so that their values are not mistaken for HOST or PORT.
const QStringList kValueOptions = {"--role",   "--rate",       "--count", "--names",
                                   "--window", "--tag-source", "--file",  "--out"};

// QCommandLineParser has no options with an optional value, and the brief form is
// `--tag [SOURCE]`. So `--tag=SOURCE` becomes `--tag --tag-source SOURCE`, and so does
// `--tag SOURCE` when SOURCE would otherwise be a third positional argument.
QStringList expandTagOption(const QStringList& arguments)
{
    QStringList out;
    int positionals = 0;
    int tagFollowedBy = -1; // index in `out` of a bare word right after --tag
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (i == 0) {
            out << argument;
        } else if (argument.startsWith(QLatin1String("--tag="))) {
            out << QStringLiteral("--tag") << QStringLiteral("--tag-source") << argument.mid(6);
        } else if (kValueOptions.contains(argument) && i + 1 < arguments.size()) {
            out << argument << arguments[++i];
        } else {
            const bool afterTag = !out.isEmpty() && out.constLast() == QLatin1String("--tag");
            if (!argument.startsWith(u'-')) {
                ++positionals;
                if (afterTag)
                    tagFollowedBy = static_cast<int>(out.size());
            }
            out << argument;
        }
    }
    if (positionals == 3 && tagFollowedBy >= 0)
        out.insert(tagFollowedBy, QStringLiteral("--tag-source"));
    return out;
}

} // namespace

common::CommandLineOutcome TerminalClientCommandLine::parse(const QStringList& arguments,
                                                            TerminalClientCommandLine& result)
{
    using common::CommandLineOutcome;
    QCommandLineParser parser;
    common::beginCommandLine(
        parser,
        tr("Terminal client of the producer-consumer servers.\n"
           "It connects to HOST:PORT, answers the server's \"Task?\" with the role (from --role,\n"
           "or typed on stdin), then sends names (producer) or takes them (consumer).\n"
           "A producer reads later stdin lines as a new rate (names per minute, or \"max\");\n"
           "\"quit\" on stdin, Ctrl-C or SIGTERM end it cleanly. At exit it prints tally lines:\n"
           "  tally source=S sent=N acknowledged=N                      (producer)\n"
           "  tally source=S distinct=N max=N gaps=N duplicates=N       (consumer, per source)\n"
           "  tally received=N                                          (consumer)\n"
           "With --file FILE a producer sends the lines of FILE once each, as they are, and exits\n"
           "when all are stored; with --out FILE a consumer writes the names it receives to FILE.\n"
           "Exit status: 0 when it did what was asked, 1 when it could not, 2 on a usage error."));
    parser.addPositionalArgument(QStringLiteral("HOST"), tr("Server host name or address."));
    parser.addPositionalArgument(QStringLiteral("PORT"), tr("Server TCP port."));
    const QCommandLineOption role(QStringLiteral("role"),
                                  tr("Answer Task? with ROLE: producer or consumer."),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  tr("Producer rate in names per minute (1 to 1000000), or max "
                                     "for as fast as possible. Default: 60."),
                                  QStringLiteral("N"));
    const QCommandLineOption count(QStringLiteral("count"),
                                   tr("Stop after N names acknowledged (producer) or received "
                                      "(consumer)."),
                                   QStringLiteral("N"));
    const QCommandLineOption names(QStringLiteral("names"),
                                   tr("Names to send: a bundled list, international (the "
                                      "default) or cs (Czech first names), or FILE (one a "
                                      "line; ./cs for a file named cs)."),
                                   QStringLiteral("LIST|FILE"));
    const QCommandLineOption shuffle(QStringLiteral("shuffle"),
                                     tr("Send the names in random order."));
    const QCommandLineOption tag(QStringLiteral("tag"),
                                 tr("--tag[=SOURCE]: producer appends #SOURCE-SEQ to each name "
                                    "(SOURCE: [a-z0-9], 1 to 12, random if not given); "
                                    "consumer checks tags for gaps and duplicates."));
    const QCommandLineOption tagSource(QStringLiteral("tag-source"), tr("Same as --tag=SOURCE."),
                                       QStringLiteral("SOURCE"));
    const QCommandLineOption quiet(QStringLiteral("quiet"),
                                   tr("Print only the tally lines and errors, not every name."));
    const QCommandLineOption file(
        QStringLiteral("file"),
        tr("Producer: send the lines of FILE byte for byte, in order, once each (LF or CR LF "
           "line ends), then quit; exit 1 if a line cannot be sent or the server refuses one. "
           "Every line is checked before anything is sent. Default rate: max."),
        QStringLiteral("FILE"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 tr("Consumer: write every name received to FILE, each followed "
                                    "by LF, exactly as received (FILE is replaced)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption printNames(
        QStringLiteral("print-names"),
        tr("Print a line per name also with --file or --out (which print none by default)."));
    const QCommandLineOption reconnect(QStringLiteral("reconnect"),
                                       tr("Keep reconnecting while the server is away; a "
                                          "producer first re-sends its unanswered names."));
    const QCommandLineOption window(QStringLiteral("window"),
                                    tr("Producer: names sent ahead of their OK, at most "
                                       "(default %1; 1 = one at a time).")
                                        .arg(ProducerFlow::kDefaultWindow),
                                    QStringLiteral("N"));
    parser.addOptions({role, rate, count, names, shuffle, tag, tagSource, quiet, reconnect, window,
                       file, out, printNames});

    if (auto outcome = common::parseCommandLine(parser, expandTagOption(arguments), 2);
        !outcome.runs())
        return outcome;

    TerminalClientConfig config;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return CommandLineOutcome::usageError(tr("expected HOST and PORT (see --help)"));
    config.host = positional[0];
    const auto port = common::wholeNumber(positional[1], 1, 65535);
    if (!port)
        return CommandLineOutcome::usageError(
            tr("PORT must be a number from 1 to 65535, not \"%1\"").arg(positional[1]));
    config.port = static_cast<quint16>(*port);

    if (parser.isSet(role)) {
        config.role = parseRole(parser.value(role));
        if (!config.role)
            return CommandLineOutcome::usageError(tr("--role must be producer or consumer"));
    }
    if (parser.isSet(rate)) {
        const std::optional<Rate> parsed = Rate::parse(parser.value(rate));
        if (!parsed)
            return CommandLineOutcome::usageError(
                tr("--rate must be a number from 1 to 1000000, or max"));
        config.rate = *parsed;
    }
    if (parser.isSet(count)) {
        const auto value =
            common::wholeNumber(parser.value(count), 1, std::numeric_limits<qint64>::max());
        if (!value)
            return CommandLineOutcome::usageError(tr("--count must be a positive number"));
        config.count = *value;
    }
    if (parser.isSet(window)) {
        const auto value = common::wholeNumber(parser.value(window), 1, 1'000'000);
        if (!value)
            return CommandLineOutcome::usageError(
                tr("--window must be a number from 1 to 1000000"));
        config.window = *value;
    }
    if (const QString value = parser.value(names); !value.isEmpty()) {
        if (const auto bundled = NameList::bundledByName(value))
            config.bundledNames = *bundled;
        else
            config.namesFile = value;
    }
    config.shuffle = parser.isSet(shuffle);
    config.tag = parser.isSet(tag) || parser.isSet(tagSource);
    config.tagSource = parser.value(tagSource).toUtf8();
    if (!config.tagSource.isEmpty() && !NameTag::isValidSource(config.tagSource))
        return CommandLineOutcome::usageError(
            tr("the tag SOURCE must be 1 to 12 characters from a-z and 0-9"));
    config.quiet = parser.isSet(quiet);
    config.reconnect = parser.isSet(reconnect);
    config.printNames = parser.isSet(printNames);
    config.linesFile = parser.value(file);
    config.outFile = parser.value(out);
    if (parser.isSet(file)) {
        if (config.linesFile.isEmpty())
            return CommandLineOutcome::usageError(tr("--file needs a FILE"));
        if (config.role == Role::Consumer)
            return CommandLineOutcome::usageError(
                tr("--file is for a producer: it does not go with --role consumer"));
        config.role = Role::Producer;
        // The file is sent once, as it is: options that pick, change, repeat or cut the names
        // would break that (and --reconnect may store a line twice when an OK is lost).
        for (const QCommandLineOption* option :
             {&names, &shuffle, &tag, &tagSource, &count, &reconnect}) {
            if (parser.isSet(*option))
                return CommandLineOutcome::usageError(
                    tr("--file sends the file once, as it is: it does not go with --%1")
                        .arg(option->names().constFirst()));
        }
        if (!parser.isSet(rate))
            config.rate = Rate::unthrottled(); // a file is sent as fast as the server takes it
    }
    if (parser.isSet(out)) {
        if (config.outFile.isEmpty())
            return CommandLineOutcome::usageError(tr("--out needs a FILE"));
        if (config.role == Role::Producer)
            return CommandLineOutcome::usageError(
                tr("--out is for a consumer: it does not go with --role producer or --file"));
        config.role = Role::Consumer;
    }
    result.config = config;
    return CommandLineOutcome::run();
}

} // namespace prodcons::client
