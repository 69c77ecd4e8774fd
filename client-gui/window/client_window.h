// The client window: pick a server and a role, set the rate, watch the names flow.
#pragma once

#include "client_window_settings.h"

#include <QMainWindow>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSettings;
class QSpinBox;
QT_END_NAMESPACE

namespace prodcons::common {
class CleanupFlow;
}

namespace prodcons::client {

class ClientController;
class FiguresPanel;
class NameListView;
class RateControl;

/// Shows and commands; the work is done by ClientController (the session, the names, the
/// figures) and common::CleanupFlow. It starts with `settings`; with a QSettings to remember in,
/// it restores the last geometry at start and saves the settings and geometry when closed;
/// without one it touches no settings at all.
class ClientWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit ClientWindow(const ClientWindowSettings& settings = {},
                          QSettings* remembered = nullptr, QWidget* parent = nullptr);
    ~ClientWindow() override;

    /// The settings as they are in the window now.
    ClientWindowSettings settings() const;
    ClientController& controller() { return *m_controller; }

    /// What Connect does: connects with the settings shown.
    void connectToServer();
    void disconnectFromServer();
    /// What Cleanup does (see common::CleanupFlow): looks, asks when live servers or queued names
    /// would be affected, removes, and reports below the button.
    void cleanUp();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* buildServerBox();
    QWidget* buildStatusRow();
    QWidget* buildCleanupRow();
    void createActions();
    void onConnectClicked();
    void onStatusChanged();
    void onRefreshed();
    void updateControls();
    void showCleanupResult(bool failed, const QString& text);

    ClientController* m_controller = nullptr;
    common::CleanupFlow* m_localCleanup = nullptr;
    QSettings* m_remembered = nullptr; ///< none: --no-settings

    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QRadioButton* m_producer = nullptr;
    QRadioButton* m_consumer = nullptr;
    QCheckBox* m_tag = nullptr;
    QComboBox* m_namesList = nullptr; ///< the bundled list a producer sends
    QPushButton* m_connect = nullptr;
    QWidget* m_rateBox = nullptr;
    QLabel* m_rateLabel = nullptr;
    RateControl* m_rate = nullptr;
    QLabel* m_stateBadge = nullptr;
    QLabel* m_stateDetail = nullptr;
    FiguresPanel* m_figures = nullptr;
    QLabel* m_namesCaption = nullptr;
    NameListView* m_names = nullptr;
    QLineEdit* m_prefix = nullptr;
    QPushButton* m_cleanup = nullptr;
    QLabel* m_remoteHint = nullptr;
    QLabel* m_statusSummary = nullptr;
    QLabel* m_cleanupResult = nullptr;
};

} // namespace prodcons::client
