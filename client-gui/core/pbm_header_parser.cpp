#include "pbm_header_parser.h"

#include "pbm_limits.h"

namespace prodcons::client {

qsizetype PbmHeaderParser::feed(QByteArrayView bytes)
{
    qsizetype used = 0;
    while (m_status == Status::NeedMore && used < bytes.size())
        step(bytes[used++]);
    return used;
}

void PbmHeaderParser::step(char c)
{
    switch (m_step) {
    case Step::MagicP:
        if (c != 'P')
            return fail(Problem::NotNetpbm);
        m_step = Step::MagicDigit;
        return;
    case Step::MagicDigit:
        if (c == '1' || c == '4') {
            m_format = c;
            m_step = Step::AfterMagic;
            return;
        }
        return fail(c >= '2' && c <= '7' ? Problem::NotBlackAndWhite : Problem::NotNetpbm);
    case Step::AfterMagic: // "P12" is no PBM: the magic is two bytes, then a separator
        if (c == '#')
            m_step = Step::InComment;
        else if (pbm::isWhitespace(c))
            m_step = Step::BetweenNumbers;
        else
            fail(Problem::NotNetpbm);
        return;
    case Step::BetweenNumbers:
        if (c == '#') {
            m_step = Step::InComment;
        } else if (c >= '0' && c <= '9') {
            m_value = c - '0';
            m_step = Step::InNumber;
        } else if (!pbm::isWhitespace(c)) {
            fail(Problem::BadNumber); // a sign, a letter, a byte of anything
        }
        return;
    case Step::InNumber:
        if (c >= '0' && c <= '9') {
            m_value = m_value * 10 + (c - '0');
            if (m_value > pbm::kMaxSide) // checked at every digit: the value never overflows
                fail(Problem::TooLarge);
            return;
        }
        if (c == '#') {
            // Netpbm lets a comment follow a number directly; after the height, the end of the
            // comment's line is the whitespace that ends the header.
            endNumber();
            if (m_status == Status::NeedMore)
                m_step = Step::InComment;
            return;
        }
        if (!pbm::isWhitespace(c))
            return fail(Problem::BadNumber);
        endNumber();
        if (m_status != Status::NeedMore)
            return;
        if (m_numbersRead == 2)
            m_status = Status::Done; // this whitespace byte was the header's last
        else
            m_step = Step::BetweenNumbers;
        return;
    case Step::InComment:
        if (c != '\n' && c != '\r')
            return;
        if (m_numbersRead == 2)
            m_status = Status::Done;
        else
            m_step = Step::BetweenNumbers;
        return;
    }
}

void PbmHeaderParser::endNumber()
{
    if (m_value == 0)
        return fail(Problem::NoPixels);
    if (m_numbersRead == 0) {
        m_width = m_value;
        m_numbersRead = 1;
        return;
    }
    if (qint64{m_width} * m_value > pbm::kMaxPixels)
        return fail(Problem::TooLarge);
    m_height = m_value;
    m_numbersRead = 2;
}

void PbmHeaderParser::fail(Problem problem)
{
    m_status = Status::Failed;
    m_problem = problem;
}

} // namespace prodcons::client
