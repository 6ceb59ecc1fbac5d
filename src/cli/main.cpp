#include "cli/app.hpp"

int main(int argc, char** argv) {
    return needlebook::cli::run(argc, argv);
}
