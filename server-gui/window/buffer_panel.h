// BufferPanel: the "Shared buffer" part of the server window: the drawing (BufferView) and,
// under it, the figures a person reads: the semaphores' values and what they mean, the queue
// depth, the servers attached to the same objects, names handed back by consumers, and the
// names that went through the buffer since it was created. Reads a BufferModel only.
// The figures go under the drawing (a tall panel) or beside it (a wide and short one: the
// window's compact layouts), so that the drawing keeps the room it needs.
#pragma once

#include <QWidget>

class QBoxLayout;
class QLabel;
class QGridLayout;

namespace prodcons::server {

class BufferModel;
class BufferView;

class BufferPanel : public QWidget
{
    Q_OBJECT

public:
    explicit BufferPanel(BufferModel* model, QWidget* parent = nullptr);

    /// The figures beside the drawing (true) or under it (false, the default).
    void setSideBySide(bool sideBySide);
    bool isSideBySide() const;

private:
    /// One line of figures: what (an object's name), its value, and what the value means.
    struct FigureRow
    {
        QLabel* caption = nullptr;
        QLabel* value = nullptr;
        QLabel* meaning = nullptr;
        void set(const QString& captionText, const QString& valueText,
                 const QString& meaningText) const;
        void setVisible(bool visible) const;
    };

    void onModelChanged();
    FigureRow addRow(const QString& valueObjectName, const QString& accessibleName);

    BufferModel* m_model = nullptr;
    BufferView* m_view = nullptr;
    QBoxLayout* m_body = nullptr;
    QWidget* m_figures = nullptr; ///< a scroll area, whole under the drawing
    QGridLayout* m_grid = nullptr;
    QLabel* m_title = nullptr;
    FigureRow m_mutex;
    FigureRow m_empty;
    FigureRow m_full;
    FigureRow m_queue;
    FigureRow m_attached;
    FigureRow m_orphans;
    QLabel* m_totals = nullptr;
};

} // namespace prodcons::server
