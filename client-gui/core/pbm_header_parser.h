// The header of a PBM picture ("P1" or "P4", width, height, with comments), read a few bytes at a
// time: a file hands it everything at once, a consumer one protocol line after another.
#pragma once

#include <QByteArrayView>

namespace prodcons::client {

/// Netpbm's header grammar: the magic, then whitespace and `#` comments (up to the end of their
/// line) around two decimal numbers; the header ends with the single whitespace byte after the
/// height, and the raster starts right after it. Numbers are capped as they are read
/// (pbm::kMaxSide, pbm::kMaxPixels), so no header can make anyone allocate much, and nothing
/// here allocates at all.
class PbmHeaderParser
{
public:
    enum class Status
    {
        NeedMore,
        Done,
        Failed
    };
    enum class Problem
    {
        None,
        NotNetpbm,        ///< does not start with "P" and a digit
        NotBlackAndWhite, ///< a grey or colour Netpbm picture (P2, P3, P5, P6, P7)
        BadNumber,        ///< something other than digits where the width or height belongs
        TooLarge,         ///< wider or taller than pbm::kMaxSide, or more than pbm::kMaxPixels
        NoPixels          ///< a width or height of 0
    };

    /// Reads from `bytes` up to the end of the header (or of `bytes`); returns how many bytes it
    /// used. After Done, the rest of `bytes` is raster; after Failed, it reads nothing more.
    qsizetype feed(QByteArrayView bytes);
    void reset() { *this = PbmHeaderParser(); }

    Status status() const { return m_status; }
    Problem problem() const { return m_problem; }
    /// '1' (plain) or '4' (raw) once the magic is read; 0 before.
    char format() const { return m_format; }
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    enum class Step
    {
        MagicP,
        MagicDigit,
        AfterMagic,
        BetweenNumbers,
        InNumber,
        InComment
    };

    void step(char c);
    void endNumber();
    void fail(Problem problem);

    Status m_status = Status::NeedMore;
    Problem m_problem = Problem::None;
    Step m_step = Step::MagicP;
    char m_format = 0;
    int m_numbersRead = 0; // 0: reading the width, 1: the height
    int m_value = 0;       // the number being read, never above pbm::kMaxSide
    int m_width = 0;
    int m_height = 0;
};

} // namespace prodcons::client
