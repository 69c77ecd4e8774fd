// prodcons-client: the client window. See client_app.h and `prodcons-client --help`.
#include "client_app.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    return prodcons::client::runClientApp(app);
}
