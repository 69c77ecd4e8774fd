// prodcons-client: the client window. See client_app.h and `prodcons-client --help`.
#include "client_app.h"

int main(int argc, char* argv[])
{
    return prodcons::client::runClientApp(argc, argv);
}
