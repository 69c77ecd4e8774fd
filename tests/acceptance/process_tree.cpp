#include "process_tree.h"

#include <QDir>
#include <QFile>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace prodcons::acceptance {

namespace {

QByteArray readProcFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll(); // /proc files report size 0: readAll reads until the end
}

} // namespace

std::vector<pid_t> childrenOf(pid_t pid)
{
    std::vector<pid_t> children;
    const QString taskDir = QStringLiteral("/proc/%1/task").arg(pid);
    for (const QString& task : QDir(taskDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QByteArray text = readProcFile(taskDir + QLatin1Char('/') + task + "/children");
        for (const QByteArray& word : text.simplified().split(' ')) {
            bool ok = false;
            const int child = word.toInt(&ok);
            if (ok && child > 0)
                children.push_back(static_cast<pid_t>(child));
        }
    }
    return children;
}

qint64 residentKiB(pid_t pid)
{
    const QByteArray status = readProcFile(QStringLiteral("/proc/%1/status").arg(pid));
    for (const QByteArray& line : status.split('\n')) {
        if (line.startsWith("VmRSS:")) {
            bool ok = false;
            const qint64 kib = line.mid(6).simplified().split(' ').value(0).toLongLong(&ok);
            return ok ? kib : -1;
        }
    }
    return -1;
}

char processState(pid_t pid)
{
    // "PID (comm) S ...": the state follows the last ')' (comm may contain anything).
    const QByteArray stat = readProcFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 >= stat.size())
        return 0;
    return stat.at(close + 2);
}

int openDescriptors(pid_t pid)
{
    const QDir dir(QStringLiteral("/proc/%1/fd").arg(pid));
    if (!dir.exists())
        return -1;
    return static_cast<int>(dir.entryList(QDir::Files | QDir::System).size());
}

bool becomeSubreaper()
{
    return ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
}

std::vector<pid_t> adoptedChildren(const QSet<pid_t>& started)
{
    std::vector<pid_t> adopted;
    for (pid_t child : childrenOf(::getpid())) {
        if (!started.contains(child))
            adopted.push_back(child);
    }
    return adopted;
}

int reapAdopted(const QSet<pid_t>& started)
{
    int reaped = 0;
    for (pid_t child : adoptedChildren(started)) {
        int status = 0;
        if (::waitpid(child, &status, WNOHANG) == child)
            ++reaped;
    }
    return reaped;
}

} // namespace prodcons::acceptance
