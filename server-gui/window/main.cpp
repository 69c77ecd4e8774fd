// prodcons-server: the server window. See server_app.h and `prodcons-server --help`.
#include "server_app.h"

int main(int argc, char* argv[])
{
    return prodcons::server::runServerApp(argc, argv);
}
