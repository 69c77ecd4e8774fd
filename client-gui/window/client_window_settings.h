// ClientWindowSettings: what a person chooses in the client window (server, role, rate, tags,
// the bundled names list, the IPC prefix Cleanup acts on) and how QSettings remembers it between
// runs.
#pragma once

#include "name_list.h"
#include "rate.h"
#include "role.h"

#include <QString>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace prodcons::client {

struct ClientWindowSettings
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 12345;
    Role role = Role::Producer;
    Rate rate = Rate::perMinute(60);
    bool tag = false;
    /// Which bundled list a producer sends.
    NameList::Bundled names = NameList::Bundled::International;
    /// For Cleanup: "/prodcons" names /prodcons_shm, /prodcons_mutex, ...
    QString prefix = defaultPrefix();

    /// The remembered settings, defaults where nothing (valid) is remembered.
    /// PRODCONS_IPC_PREFIX, when set, wins over a remembered prefix: it is this run's choice.
    static ClientWindowSettings load(const QSettings& settings);
    void save(QSettings& settings) const;

    bool operator==(const ClientWindowSettings&) const = default;

private:
    static QString defaultPrefix();
};

} // namespace prodcons::client
