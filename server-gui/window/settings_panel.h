// SettingsPanel: the controls for what a server window starts with: port, mode (SHM, MQ or
// AMQP), address to listen on, the IPC name prefix and the slot size, and in the AMQP mode the
// broker's URL and a credentials file, on a second line shown only then. Locked while the
// server runs, because a running server cannot move to another port or buffer.
#pragma once

#include "server_window_settings.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace prodcons::server {

class SettingsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SettingsPanel(QWidget* parent = nullptr);

    ServerWindowSettings settings() const;
    void setSettings(const ServerWindowSettings& settings);
    /// Read-only while the server runs (or stops).
    void setLocked(bool locked);

signals:
    /// Any setting was edited.
    void changed();

private:
    QSpinBox* m_port = nullptr;
    QComboBox* m_mode = nullptr;
    QComboBox* m_bind = nullptr;
    QLineEdit* m_prefix = nullptr;
    QComboBox* m_slotSize = nullptr;
    QWidget* m_brokerRow = nullptr; ///< shown in the AMQP mode only
    QLineEdit* m_brokerUrl = nullptr;
    QLineEdit* m_brokerCredentials = nullptr;
};

} // namespace prodcons::server
