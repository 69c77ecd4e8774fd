#include "settings_panel.h"

#include "amqp/broker_settings.h"
#include "ipc/config.h"
#include "ipc/object_names.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace prodcons::server {

namespace {

const QString kLoopback = QStringLiteral("127.0.0.1");
const QString kAny = QStringLiteral("any");
const QString kAmqp = QStringLiteral("amqp");

/// What an empty URL means: the address of $PRODCONS_BROKER_URL (without its user and password,
/// which must not show on a screen), else the local broker.
QString defaultBrokerAddress()
{
    const QByteArray fromEnvironment = qgetenv(amqp::kBrokerUrlVariable);
    if (!fromEnvironment.isEmpty()) {
        const amqp::ParsedUrl parsed = amqp::parse_broker_url(fromEnvironment.toStdString());
        if (parsed.error.empty())
            return QString::fromStdString(parsed.settings.address());
    }
    return QString::fromLatin1(amqp::kDefaultBrokerUrl.data(),
                               static_cast<qsizetype>(amqp::kDefaultBrokerUrl.size()));
}

QLabel* buddyLabel(const QString& text, QWidget* buddy)
{
    auto* label = new QLabel(text);
    label->setBuddy(buddy);
    return label;
}

} // namespace

SettingsPanel::SettingsPanel(QWidget* parent)
    : QWidget(parent), m_port(new QSpinBox), m_mode(new QComboBox), m_bind(new QComboBox),
      m_prefix(new QLineEdit), m_slotSize(new QComboBox), m_brokerRow(new QWidget),
      m_brokerUrl(new QLineEdit), m_brokerCredentials(new QLineEdit)
{
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free"));
    m_port->setAccelerated(true);
    m_port->setAccessibleName(tr("Port"));
    m_port->setToolTip(tr("TCP port clients connect to (0: let the system pick a free one)"));

    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItem(tr("SHM: shared memory"), QStringLiteral("shm"));
    m_mode->addItem(tr("MQ: message queue"), QStringLiteral("mq"));
    m_mode->addItem(tr("AMQP: RabbitMQ"), kAmqp);
    m_mode->setAccessibleName(tr("Buffer mode"));
    m_mode->setToolTip(tr("Servers share a buffer with every other server of the same prefix "
                          "and mode on this computer; in the AMQP mode, a RabbitMQ queue with "
                          "every server of the prefix on the same broker, wherever it runs"));

    m_bind->setObjectName(QStringLiteral("bindCombo"));
    m_bind->addItem(tr("127.0.0.1 (this computer)"), kLoopback);
    m_bind->addItem(tr("all interfaces"), kAny);
    m_bind->setAccessibleName(tr("Listen on"));
    m_bind->setToolTip(tr("All interfaces lets clients on other computers connect"));

    m_prefix->setObjectName(QStringLiteral("prefixEdit"));
    m_prefix->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("/[A-Za-z0-9_.-]{0,%1}").arg(ipc::kMaxPrefixLength - 1)),
        m_prefix));
    m_prefix->setPlaceholderText(QStringLiteral("/prodcons"));
    m_prefix->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 24);
    m_prefix->setAccessibleName(tr("IPC name prefix"));
    m_prefix->setToolTip(tr("Advanced: the names of the shared objects. /prodcons gives "
                            "/prodcons_shm, /prodcons_mutex, /prodcons_empty, /prodcons_full "
                            "and /prodcons_mq. Servers with different prefixes share nothing."));

    m_slotSize->setObjectName(QStringLiteral("slotSizeCombo"));
    for (const quint32 bytes : {ipc::kDefaultSlotSize, 1024u, 2048u, 4096u, ipc::kMaxSlotSize})
        m_slotSize->addItem(tr("%1 bytes").arg(bytes), bytes);
    m_slotSize->setAccessibleName(tr("Slot size"));
    m_slotSize->setToolTip(tr("Bytes per slot of the shared buffer: lines up to one byte less "
                              "are accepted. Every server of a prefix must use the same size. "
                              "8192 carries the classic picture test (lines of 2,047 bytes)."));

    // No password field: a password typed into a window ends up in its remembered settings, and
    // the server refuses one in the URL (socket_srv's --broker says the same).
    const QString credentialsHint =
        tr("No password here: the user and password come from a credentials file (its first "
           "line user:password, readable by you only), else from $PRODCONS_BROKER_URL, else "
           "guest:guest.");
    m_brokerUrl->setObjectName(QStringLiteral("brokerUrlEdit"));
    m_brokerUrl->setPlaceholderText(defaultBrokerAddress());
    m_brokerUrl->setClearButtonEnabled(true);
    m_brokerUrl->setAccessibleName(tr("Broker URL"));
    m_brokerUrl->setToolTip(tr("The RabbitMQ broker: amqp://host:port/vhost or amqps://..., "
                               "or the nodes of a cluster separated by commas, tried in turn "
                               "(empty: $PRODCONS_BROKER_URL, else amqp://localhost:5672/).") +
                            QLatin1Char('\n') + credentialsHint);
    m_brokerCredentials->setObjectName(QStringLiteral("brokerCredentialsEdit"));
    m_brokerCredentials->setPlaceholderText(tr("none: guest or $PRODCONS_BROKER_URL's"));
    m_brokerCredentials->setClearButtonEnabled(true);
    m_brokerCredentials->setAccessibleName(tr("Broker credentials file"));
    m_brokerCredentials->setToolTip(tr("A file whose first line is user:password (default: the "
                                       "user and password of $PRODCONS_BROKER_URL, else "
                                       "guest:guest).") +
                                    QLatin1Char('\n') + credentialsHint);

    // Narrow windows squeeze the choices (their texts elide) rather than refuse to shrink.
    const int narrow = fontMetrics().horizontalAdvance(QStringLiteral("/prod")) + 24;
    for (QWidget* w : std::initializer_list<QWidget*>{m_mode, m_bind, m_prefix, m_slotSize})
        w->setMinimumWidth(narrow);

    auto* brokerLayout = new QHBoxLayout(m_brokerRow);
    brokerLayout->setContentsMargins(0, 0, 0, 0);
    brokerLayout->addWidget(buddyLabel(tr("Bro&ker:"), m_brokerUrl));
    brokerLayout->addWidget(m_brokerUrl, 3);
    brokerLayout->addSpacing(8);
    brokerLayout->addWidget(buddyLabel(tr("Cre&dentials file:"), m_brokerCredentials));
    brokerLayout->addWidget(m_brokerCredentials, 2);
    m_brokerRow->setObjectName(QStringLiteral("brokerRow"));
    m_brokerRow->hide();

    auto* rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    auto* layout = new QHBoxLayout;
    rows->addLayout(layout);
    rows->addWidget(m_brokerRow);
    layout->addWidget(buddyLabel(tr("&Port:"), m_port));
    layout->addWidget(m_port);
    layout->addSpacing(8);
    layout->addWidget(buddyLabel(tr("&Mode:"), m_mode));
    layout->addWidget(m_mode);
    layout->addSpacing(8);
    layout->addWidget(buddyLabel(tr("&Listen on:"), m_bind));
    layout->addWidget(m_bind);
    layout->addSpacing(8);
    layout->addWidget(buddyLabel(tr("IPC pre&fix:"), m_prefix));
    layout->addWidget(m_prefix);
    layout->addSpacing(8);
    layout->addWidget(buddyLabel(tr("&Slots:"), m_slotSize));
    layout->addWidget(m_slotSize);

    connect(m_port, &QSpinBox::valueChanged, this, &SettingsPanel::changed);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        m_brokerRow->setVisible(m_mode->currentData().toString() == kAmqp);
        emit changed();
    });
    connect(m_brokerUrl, &QLineEdit::textChanged, this, &SettingsPanel::changed);
    connect(m_brokerCredentials, &QLineEdit::textChanged, this, &SettingsPanel::changed);
    connect(m_bind, &QComboBox::currentIndexChanged, this, &SettingsPanel::changed);
    connect(m_prefix, &QLineEdit::textChanged, this, &SettingsPanel::changed);
    connect(m_slotSize, &QComboBox::currentIndexChanged, this, &SettingsPanel::changed);
}

ServerWindowSettings SettingsPanel::settings() const
{
    ServerWindowSettings s;
    s.port = static_cast<quint16>(m_port->value());
    const QString mode = m_mode->currentData().toString();
    s.mode = mode == QLatin1String("mq") ? ipc::Mode::Mq : ipc::Mode::Shm;
    s.amqp = mode == kAmqp;
    s.brokerUrl = m_brokerUrl->text().trimmed();
    s.brokerCredentials = m_brokerCredentials->text().trimmed();
    s.bind = m_bind->currentData().toString();
    s.prefix = m_prefix->text().trimmed();
    s.slotSize = m_slotSize->currentData().toUInt();
    return s;
}

void SettingsPanel::setSettings(const ServerWindowSettings& s)
{
    m_port->setValue(s.port);
    m_mode->setCurrentIndex(s.amqp ? 2 : s.mode == ipc::Mode::Mq ? 1 : 0);
    m_brokerUrl->setText(s.brokerUrl);
    m_brokerCredentials->setText(s.brokerCredentials);
    int bind = m_bind->findData(s.bind);
    if (bind < 0) { // an address given on the command line or remembered: offer it as a choice
        m_bind->addItem(tr("address %1").arg(s.bind), s.bind);
        bind = m_bind->count() - 1;
    }
    m_bind->setCurrentIndex(bind);
    m_prefix->setText(s.prefix);
    int slotSize = m_slotSize->findData(s.slotSize);
    if (slotSize < 0) { // a size given on the command line or remembered: offer it as a choice
        m_slotSize->addItem(tr("%1 bytes").arg(s.slotSize), s.slotSize);
        slotSize = m_slotSize->count() - 1;
    }
    m_slotSize->setCurrentIndex(slotSize);
}

void SettingsPanel::setLocked(bool locked)
{
    for (QWidget* w : std::initializer_list<QWidget*>{m_port, m_mode, m_bind, m_prefix, m_slotSize,
                                                      m_brokerUrl, m_brokerCredentials})
        w->setEnabled(!locked);
}

} // namespace prodcons::server
