#pragma once

namespace needlebook::cli {

// Parses the command line, runs the command and maps every error to a message and an exit
// code: 0 done, 1 refused or failed, 2 usage error.
int run(int argc, char** argv);

} // namespace needlebook::cli
