#include "test_support.h"

#include <QCoreApplication>
#include <QDir>
#include <atomic>
#include <unistd.h>

namespace prodcons::test {

QString binaryPath(const QString& programName)
{
    QString dir = qEnvironmentVariable("PRODCONS_BIN_DIR");
    if (dir.isEmpty())
        dir = QCoreApplication::applicationDirPath();
    return QDir(dir).absoluteFilePath(programName);
}

std::string uniqueIpcPrefix()
{
    static std::atomic<int> sequence{0};
    return "/pct" + std::to_string(getpid()) + "_" + std::to_string(sequence++);
}

} // namespace prodcons::test
