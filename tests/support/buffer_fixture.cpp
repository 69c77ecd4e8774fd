#include "buffer_fixture.h"

#include "ipc_test_helpers.h"

#include <QTest>

namespace prodcons::test {

void addModeRows()
{
    QTest::addColumn<bool>("mq");
    QTest::newRow("SHM") << false;
    QTest::newRow("MQ") << true;
}

ipc::Mode rowMode()
{
    QFETCH_GLOBAL(bool, mq);
    return mq ? ipc::Mode::Mq : ipc::Mode::Shm;
}

void BufferFixture::attachFresh(ipc::Mode mode)
{
    m_prefix = std::make_unique<IpcTestPrefix>();
    m_attachment.emplace(attach_or_die(m_prefix->config(), mode));
}

QStringList BufferFixture::detachAndListLeftovers()
{
    kill_at_fault_point(nullptr);
    QStringList left;
    if (m_prefix) {
        // The last user removes everything: nothing of the prefix may be left on the machine.
        left = detach_and_list_leftovers(m_attachment, *m_prefix);
        m_prefix.reset(); // removes whatever is left, so that no failure leaks into the next test
    }
    return left;
}

ipc::Endpoint BufferFixture::join(ipc::Endpoint::Role role) const
{
    return join_or_die(*m_attachment, role);
}

} // namespace prodcons::test
