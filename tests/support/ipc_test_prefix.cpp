#include "ipc_test_prefix.h"

#include "test_support.h"

#include <QDir>
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <unistd.h>

namespace prodcons::test {

IpcTestPrefix::IpcTestPrefix()
    : m_prefix(uniqueIpcPrefix()), m_names(ipc::ObjectNames::from_prefix(m_prefix).value())
{}

IpcTestPrefix::~IpcTestPrefix()
{
    remove_all();
}

ipc::Config IpcTestPrefix::config(const ipc::Geometry& geometry) const
{
    ipc::Config config;
    config.prefix = m_prefix;
    config.geometry = geometry;
    return config;
}

QStringList IpcTestPrefix::leftovers() const
{
    QStringList found;
    const int shm = shm_open(m_names.control, O_RDONLY, 0);
    if (shm >= 0) {
        found << QString::fromLatin1(m_names.control);
        ::close(shm);
    }
    for (const char* name : {m_names.mutex, m_names.empty, m_names.full}) {
        sem_t* sem = sem_open(name, 0);
        if (sem != SEM_FAILED) {
            found << QString::fromLatin1(name);
            sem_close(sem);
        }
    }
    const mqd_t mq = mq_open(m_names.queue, O_RDONLY);
    if (mq != static_cast<mqd_t>(-1)) {
        found << QString::fromLatin1(m_names.queue);
        mq_close(mq);
    }
    // Anything else under the prefix, which the probes above would not know about.
    const QString stem = QString::fromLatin1(m_prefix.c_str() + 1) + QLatin1Char('_');
    const QStringList probed = {
        stem + QLatin1String("shm"), QLatin1String("sem.") + stem + QLatin1String("mutex"),
        QLatin1String("sem.") + stem + QLatin1String("empty"),
        QLatin1String("sem.") + stem + QLatin1String("full"), stem + QLatin1String("mq")};
    for (const QString& dir : {QStringLiteral("/dev/shm"), QStringLiteral("/dev/mqueue")}) {
        for (const QString& entry : QDir(dir).entryList(QDir::Files | QDir::System)) {
            const bool ours =
                entry.startsWith(stem) || entry.startsWith(QLatin1String("sem.") + stem);
            if (ours && !probed.contains(entry))
                found << dir + QLatin1Char('/') + entry;
        }
    }
    return found;
}

void IpcTestPrefix::remove_all() const
{
    shm_unlink(m_names.control);
    sem_unlink(m_names.mutex);
    sem_unlink(m_names.empty);
    sem_unlink(m_names.full);
    mq_unlink(m_names.queue);
}

} // namespace prodcons::test
