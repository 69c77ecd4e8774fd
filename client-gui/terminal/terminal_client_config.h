// What socket_cl is asked to do: where it connects, its role, and how it sends or takes names.
#pragma once

#include "name_list.h"
#include "producer_flow.h"
#include "rate.h"
#include "role.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace prodcons::client {

struct TerminalClientConfig
{
    QString host;
    quint16 port = 0;
    std::optional<Role> role; // none: asked for on stdin, as the classic client does
    Rate rate = Rate::perMinute(60);
    qint64 count = 0;  // 0: run until stopped
    QString namesFile; // empty: a bundled list, `bundledNames`
    NameList::Bundled bundledNames = NameList::Bundled::International;
    bool shuffle = false;
    bool tag = false;
    QByteArray tagSource; // empty: random
    bool quiet = false;
    bool reconnect = false;
    qsizetype window = ProducerFlow::kDefaultWindow;
    QString linesFile;       // --file: a producer sends this file's lines once, as they are
    QString outFile;         // --out: a consumer writes every name it receives here
    bool printNames = false; // print a line per name even with --file or --out
};

} // namespace prodcons::client
