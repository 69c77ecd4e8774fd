// The client window: pick a server and a role, set the rate, watch the names flow.
#pragma once

#include "client_window_settings.h"
#include "picture_to_send.h"
#include "session_status.h"

#include <QMainWindow>
#include <optional>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSettings;
class QSpinBox;
class QSplitter;
QT_END_NAMESPACE

namespace prodcons::common {
class CleanupFlow;
}

namespace prodcons::client {

class ClientController;
class FiguresPanel;
class NameListView;
class PictureView;
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
    /// What a producer sends from the next Connect: this picture instead of names (nullopt: the
    /// names list chosen). The names box shows it.
    void setPicture(std::optional<PictureToSend> picture);
    /// Asks for a .pbm file and, if it can be sent, makes it the picture to send; says why not
    /// if it cannot.
    void choosePictureFile();
    PictureView& pictureView() { return *m_pictureView; }
    /// What Cleanup does (see common::CleanupFlow): looks, asks when live servers or queued names
    /// would be affected, removes, and reports below the button.
    void cleanUp();

signals:
    /// After the window was closed, once its connection is closed too (the server closes first,
    /// see NameSession::closed), or at once when the window is closed a second time: the
    /// program can end now without a reset losing what the connection still carried.
    void readyToQuit();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* buildServerBox();
    QWidget* buildStatusRow();
    QWidget* buildCleanupRow();
    QWidget* buildNamesArea();
    void createActions();
    void onConnectClicked();
    void onStatusChanged();
    void onRefreshed();
    void onNamesChoiceActivated(int index);
    void onNamesChoiceChanged(int index);
    void showStatus(const SessionStatus& status);
    void showPictureProgress();
    void showPictureWhenOneArrives();
    void updateControls();
    void showCleanupResult(bool failed, const QString& text);

    ClientController* m_controller = nullptr;
    common::CleanupFlow* m_localCleanup = nullptr;
    QSettings* m_remembered = nullptr; ///< none: --no-settings
    bool m_closedBefore = false;       ///< a second close does not wait for the connection

    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QRadioButton* m_producer = nullptr;
    QRadioButton* m_consumer = nullptr;
    QCheckBox* m_tag = nullptr;
    QComboBox* m_namesList = nullptr; ///< what a producer sends: a bundled list or a picture
    NameList::Bundled m_bundledChoice = NameList::Bundled::International; ///< the last list chosen
    QPushButton* m_connect = nullptr;
    QWidget* m_rateBox = nullptr;
    QLabel* m_rateLabel = nullptr;
    RateControl* m_rate = nullptr;
    QLabel* m_stateBadge = nullptr;
    QLabel* m_stateDetail = nullptr;
    FiguresPanel* m_figures = nullptr;
    QLabel* m_namesCaption = nullptr;
    NameListView* m_names = nullptr;
    QProgressBar* m_pictureProgress = nullptr; ///< a producer's picture: lines stored of all
    QSplitter* m_namesAndPicture = nullptr;
    PictureView* m_pictureView = nullptr; ///< a consumer's picture, shown once one arrives
    QLineEdit* m_prefix = nullptr;
    QPushButton* m_cleanup = nullptr;
    QLabel* m_remoteHint = nullptr;
    QLabel* m_statusSummary = nullptr;
    QLabel* m_cleanupResult = nullptr;
};

} // namespace prodcons::client
