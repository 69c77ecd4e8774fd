#include "code_listing.h"

#include <QCoreApplication>

namespace prodcons::server {

using ipc::Step;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CodeListing", text);
}

} // namespace

int CodeListing::lineOf(Step step) const
{
    if (step == Step::None)
        return -1;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (lines[i].step == step)
            return static_cast<int>(i);
    return -1;
}

CodeListing producerListing(ipc::Mode mode)
{
    CodeListing listing;
    listing.kind = ipc::layout::Kind::Producer;
    listing.heading = tr("Producer");
    listing.lines.push_back({QStringLiteral("while (true) {"), Step::None});
    listing.lines.push_back({QStringLiteral("    name = read_line(client);"), Step::ReadClient});
    if (mode == ipc::Mode::Shm) {
        listing.lines.push_back({QStringLiteral("    sem_wait(&empty);"), Step::WaitEmpty});
        listing.lines.push_back({QStringLiteral("    sem_wait(&mutex);"), Step::WaitMutex});
        listing.lines.push_back({QStringLiteral("    buffer[in] = name;"), Step::Write});
        listing.lines.push_back({QStringLiteral("    in = (in + 1) % N;"), Step::AdvanceIn});
        listing.lines.push_back({QStringLiteral("    sem_post(&mutex);"), Step::PostMutex});
        listing.lines.push_back({QStringLiteral("    sem_post(&full);"), Step::PostFull});
    } else {
        listing.lines.push_back({QStringLiteral("    mq_send(mq, name);"), Step::Send});
    }
    listing.lines.push_back({QStringLiteral("    send(client, \"OK\");"), Step::WriteClient});
    listing.lines.push_back({QStringLiteral("}"), Step::None});
    return listing;
}

CodeListing consumerListing(ipc::Mode mode)
{
    CodeListing listing;
    listing.kind = ipc::layout::Kind::Consumer;
    listing.heading = tr("Consumer");
    listing.lines.push_back({QStringLiteral("while (true) {"), Step::None});
    if (mode == ipc::Mode::Shm) {
        listing.lines.push_back({QStringLiteral("    sem_wait(&full);"), Step::WaitFull});
        listing.lines.push_back({QStringLiteral("    sem_wait(&mutex);"), Step::WaitMutex});
        listing.lines.push_back({QStringLiteral("    name = buffer[out];"), Step::Read});
        listing.lines.push_back({QStringLiteral("    out = (out + 1) % N;"), Step::AdvanceOut});
        listing.lines.push_back({QStringLiteral("    sem_post(&mutex);"), Step::PostMutex});
        listing.lines.push_back({QStringLiteral("    sem_post(&empty);"), Step::PostEmpty});
    } else {
        listing.lines.push_back({QStringLiteral("    name = mq_receive(mq);"), Step::Receive});
    }
    listing.lines.push_back({QStringLiteral("    send(client, name);"), Step::WriteClient});
    listing.lines.push_back({QStringLiteral("    read_line(client); // OK"), Step::ReadClient});
    listing.lines.push_back({QStringLiteral("}"), Step::None});
    return listing;
}

} // namespace prodcons::server
