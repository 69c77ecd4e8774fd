#include "name_rules.h"

#include "protocol_limits.h"

#include <QCoreApplication>
#include <algorithm>

namespace prodcons::client {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons::client::NameCheck", text);
}

bool isControlByte(char c)
{
    const auto byte = static_cast<uchar>(c);
    return byte < 0x20 || byte == 0x7F;
}

} // namespace

NameCheck NameCheck::of(QByteArrayView name)
{
    NameCheck check;
    check.size = name.size();
    if (name.isEmpty()) {
        check.fault = Fault::Empty;
    } else if (name.size() > kMaxNameBytes) {
        check.fault = Fault::TooLong;
    } else if (const auto control = std::find_if(name.begin(), name.end(), isControlByte);
               control != name.end()) {
        check.fault = Fault::ControlByte;
        check.offset = control - name.begin();
        check.byte = static_cast<uchar>(*control);
    } else if (!name.isValidUtf8()) {
        check.fault = Fault::NotUtf8;
    } else if (name.startsWith("ERROR:")) {
        check.fault = Fault::LooksLikeError;
    }
    return check;
}

QString NameCheck::describe() const
{
    switch (fault) {
    case Fault::None:
        return {};
    case Fault::Empty:
        return tr("it is empty");
    case Fault::TooLong:
        return tr("it is %1 bytes long; a name may have at most %2").arg(size).arg(kMaxNameBytes);
    case Fault::ControlByte:
        if (byte == '\r')
            return tr("it has a CR (0x0D) at byte %1 that does not end the line").arg(offset + 1);
        return tr("it has the control byte 0x%1 at byte %2")
            .arg(QString::number(byte, 16).toUpper().rightJustified(2, u'0'))
            .arg(offset + 1);
    case Fault::NotUtf8:
        return tr("it is not valid UTF-8");
    case Fault::LooksLikeError:
        return tr("it starts with \"ERROR:\", which a consumer would take for an error line");
    }
    return {};
}

} // namespace prodcons::client
