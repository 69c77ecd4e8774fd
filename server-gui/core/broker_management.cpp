#include "broker_management.h"

#include "amqp/broker_settings.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>
#include <algorithm>
#include <vector>

namespace prodcons::server {

namespace {

/// The context of this file's texts in the translations.
struct BrokerManagementText
{
    Q_DECLARE_TR_FUNCTIONS(BrokerManagement)
};

/// RabbitMQ puts its management API on the AMQP port plus 10000 (15672, and 15671 for TLS).
constexpr int kManagementPortOffset = 10000;
/// The nodes of a large cluster and one queue's facts fit well within this.
constexpr qint64 kAnswerLimit = 1 << 20;
constexpr const char* kTooLong = "prodcons_too_long"; ///< a reply's mark: aborted for its size

QUrl withTrailingSlash(QUrl url)
{
    if (!url.path().endsWith(QLatin1Char('/')))
        url.setPath(url.path() + QLatin1Char('/'));
    return url;
}

/// `api` + the percent-encoded parts: "api/queues/%2F/prodcons_buffer" (a vhost "/" stays one
/// path segment).
QUrl resource(const QUrl& api, std::initializer_list<QByteArray> parts, const char* query = "")
{
    QByteArray path = api.toEncoded();
    for (const QByteArray& part : parts)
        path += QUrl::toPercentEncoding(QString::fromUtf8(part)) + '/';
    path.chop(1);
    return QUrl::fromEncoded(path + query, QUrl::StrictMode);
}

QStringList strings(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list << item.toString();
    return list;
}

/// A GET of the management API that has finished (or was given up): its status and body, or
/// what went wrong, in words that name the request.
struct Answer
{
    int status = 0; ///< the HTTP status, 0 when there was none
    QJsonDocument body;
    QString error; ///< empty: a 2xx answer whose body is JSON
};

class Requests
{
public:
    Requests(const amqp::BrokerSettings& broker, const QUrl& api)
        : m_user(QString::fromStdString(broker.user))
    {
        // Direct, as the AMQP connection to the same broker is: a proxy of the environment
        // (http_proxy) would not reach a broker on loopback or on a lab's own network.
        m_network.setProxy(QNetworkProxy::NoProxy);
        m_authorization =
            "Basic " + QByteArray::fromStdString(broker.user + ':' + broker.password).toBase64();
        if (api.scheme() == QLatin1String("https")) {
            m_tls = QSslConfiguration::defaultConfiguration();
            if (!broker.ca_cert.empty())
                m_tls.addCaCertificates(QString::fromStdString(broker.ca_cert));
        }
    }

    QNetworkReply* get(const QUrl& url)
    {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", m_authorization);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        if (url.scheme() == QLatin1String("https"))
            request.setSslConfiguration(m_tls);
        QNetworkReply* reply = m_network.get(request);
        // The answers asked for are a few hundred bytes: anything past the limit is no
        // management API worth waiting for, and is not kept in memory.
        QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 got) {
            if (got > kAnswerLimit) {
                reply->setProperty(kTooLong, true);
                reply->abort();
            }
        });
        m_pending.push_back(reply);
        return reply;
    }

    /// Runs until every reply has finished or `timeout` has passed; true if they all finished.
    bool wait(std::chrono::milliseconds timeout)
    {
        QEventLoop loop;
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
        const auto allDone = [this] {
            return std::all_of(m_pending.begin(), m_pending.end(),
                               [](const QNetworkReply* r) { return r->isFinished(); });
        };
        for (QNetworkReply* reply : m_pending)
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&] {
                if (allDone())
                    loop.quit();
            });
        if (allDone())
            return true;
        deadline.start(timeout);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
        const bool done = allDone();
        for (QNetworkReply* reply : m_pending)
            if (!reply->isFinished())
                reply->abort();
        return done;
    }

    Answer answer(QNetworkReply* reply, std::chrono::milliseconds timeout) const
    {
        Answer answer;
        const QString request =
            QStringLiteral("GET %1").arg(reply->url().toDisplayString(QUrl::RemoveUserInfo));
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->property(kTooLong).toBool()) {
            answer.error = BrokerManagementText::tr("%1: an answer longer than %2 bytes (is "
                                                    "this RabbitMQ's management API?)")
                               .arg(request)
                               .arg(kAnswerLimit);
            return answer;
        }
        if (reply->error() == QNetworkReply::OperationCanceledError) {
            answer.error = BrokerManagementText::tr("%1: no answer within %2 ms")
                               .arg(request)
                               .arg(timeout.count());
            return answer;
        }
        if (answer.status == 401) {
            answer.error =
                BrokerManagementText::tr("%1: the management API refused user %2 (it needs the "
                                         "management or monitoring tag): %3")
                    .arg(request, m_user, reply->errorString());
            return answer;
        }
        if (reply->error() != QNetworkReply::NoError) {
            // With an HTTP answer, Qt's text repeats the URL: the status says it all.
            answer.error =
                answer.status == 0
                    ? QStringLiteral("%1: %2").arg(request, reply->errorString())
                    : BrokerManagementText::tr("%1: HTTP %2 %3 (is this RabbitMQ's management "
                                               "API?)")
                          .arg(request)
                          .arg(answer.status)
                          .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute)
                                   .toString());
            return answer;
        }
        QJsonParseError parse{};
        answer.body = QJsonDocument::fromJson(reply->readAll(), &parse);
        if (parse.error != QJsonParseError::NoError)
            answer.error = BrokerManagementText::tr("%1: the answer is no JSON (%2): is this "
                                                    "RabbitMQ's management API?")
                               .arg(request, parse.errorString());
        return answer;
    }

private:
    QString m_user;
    QByteArray m_authorization;
    QSslConfiguration m_tls;
    QNetworkAccessManager m_network;
    std::vector<QNetworkReply*> m_pending; ///< owned by m_network
};

} // namespace

QList<QUrl> brokerManagementUrls(const amqp::BrokerSettings& broker, QString* whyNot)
{
    const QString given = qEnvironmentVariable(kBrokerManagementVariable);
    if (given.isEmpty()) {
        QList<QUrl> urls;
        for (const amqp::BrokerNode& node : broker.nodes) {
            QUrl url;
            url.setScheme(broker.tls ? QStringLiteral("https") : QStringLiteral("http"));
            url.setHost(QString::fromStdString(node.host));
            url.setPort(node.port + kManagementPortOffset);
            url.setPath(QStringLiteral("/"));
            urls << url;
        }
        return urls;
    }
    const QUrl url = QUrl::fromUserInput(given);
    const bool web =
        url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
    if (!url.isValid() || !web || url.host().isEmpty() || !url.userInfo().isEmpty()) {
        if (whyNot)
            *whyNot = BrokerManagementText::tr("%1 must be http[s]://host:port/, without a user "
                                               "or a password (they are the broker's): %2")
                          .arg(QLatin1String(kBrokerManagementVariable), given);
        return {};
    }
    return {withTrailingSlash(url)};
}

namespace {

/// The facts from the management API at `api`; Unanswered with `reachedApi` false when nothing
/// answered there at all (the next node's API may).
BrokerManagementFacts askOne(const amqp::BrokerSettings& broker, const QUrl& api,
                             const QString& queue, std::chrono::milliseconds timeout,
                             bool& reachedApi)
{
    BrokerManagementFacts facts;
    facts.api = api;
    Requests requests(broker, api);
    QNetworkReply* queueReply = requests.get(
        resource(api, {"api", "queues", QByteArray::fromStdString(broker.vhost), queue.toUtf8()},
                 "?columns=type,leader,members,online,messages_unacknowledged"));
    QNetworkReply* nodesReply =
        requests.get(resource(api, {"api", "nodes"}, "?columns=name,running"));
    requests.wait(timeout);

    const Answer nodes = requests.answer(nodesReply, timeout);
    reachedApi = nodes.status != 0;
    if (!nodes.error.isEmpty()) {
        facts.error = nodes.error;
        return facts;
    }
    for (const QJsonValue& node : nodes.body.array()) {
        const QJsonObject object = node.toObject();
        facts.nodes.push_back({object.value(QLatin1String("name")).toString(),
                               object.value(QLatin1String("running")).toBool()});
    }

    const Answer queueAnswer = requests.answer(queueReply, timeout);
    if (queueAnswer.status == 404) {
        facts.answer = BrokerManagementFacts::Answer::NoQueue;
        return facts;
    }
    if (!queueAnswer.error.isEmpty()) {
        facts.error = queueAnswer.error;
        return facts;
    }
    const QJsonObject q = queueAnswer.body.object();
    facts.answer = BrokerManagementFacts::Answer::Known;
    facts.queueType = q.value(QLatin1String("type")).toString();
    // A quorum queue with no leader elected yet says "" or leaves the field out.
    facts.leader = q.value(QLatin1String("leader")).toString();
    facts.members = strings(q.value(QLatin1String("members")));
    facts.online = strings(q.value(QLatin1String("online")));
    const QJsonValue unacknowledged = q.value(QLatin1String("messages_unacknowledged"));
    if (unacknowledged.isDouble() && unacknowledged.toDouble() >= 0)
        facts.unacknowledged = unacknowledged.toInteger();
    return facts;
}

} // namespace

BrokerManagementFacts askBrokerManagement(const amqp::BrokerSettings& broker, const QString& queue,
                                          std::chrono::milliseconds timeout)
{
    BrokerManagementFacts facts;
    const QList<QUrl> apis = brokerManagementUrls(broker, &facts.error);
    // Node by node, as the AMQP connection goes: a node that is down (the very case a class
    // wants to see in the list of nodes) must not hide what the others say. An API that
    // answers, even with an error (a refused login), is the answer.
    QStringList unreached;
    for (const QUrl& api : apis) {
        bool reachedApi = false;
        facts = askOne(broker, api, queue, timeout, reachedApi);
        if (reachedApi)
            return facts;
        unreached << facts.error;
    }
    if (unreached.size() > 1)
        facts.error = unreached.join(QStringLiteral("; "));
    return facts;
}

} // namespace prodcons::server
