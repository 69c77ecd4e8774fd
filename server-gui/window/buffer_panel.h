// BufferPanel: the "Shared buffer" part of the server window: the drawing (BufferView) and,
// under it, the figures a person reads: the semaphores' values and what they mean, the queue
// depth, the servers attached to the same objects, names handed back by consumers, and the
// names that went through the buffer since it was created. Reads a BufferModel only.
#pragma once

#include <QWidget>

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
