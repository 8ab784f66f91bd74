#include "cli/cli.hpp"

int main(int argc, char** argv) { return incunet::cli::Main(argc, argv); }
