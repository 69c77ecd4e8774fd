// The client window's saved settings: the last connection, rate, options and window geometry.
#pragma once

#include "client_options.h"

#include <QByteArray>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace prodcons::client {

/// Reads and writes ClientOptions and the geometry in a QSettings the caller owns (the user's
/// in the program, a file of their own in tests). Values that do not parse are ignored.
class ClientSettings
{
public:
    explicit ClientSettings(QSettings& settings) : m_settings(settings) {}

    /// `base` with every valid saved value over it.
    ClientOptions load(ClientOptions base) const;
    void save(const ClientOptions& options);

    QByteArray geometry() const;
    void saveGeometry(const QByteArray& geometry);

private:
    QSettings& m_settings;
};

} // namespace prodcons::client
