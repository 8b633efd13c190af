# Project-wide options. Everything else in cmake/ is one concern per file.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

option(BUILD_TESTING "Build the tests" ON)
option(SMPPD_WARNINGS_AS_ERRORS "Treat compiler warnings as errors (CI)" OFF)
option(SMPPD_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(SMPPD_FUZZ "Build libFuzzer targets (needs clang)" OFF)

# Executables land in build/bin so scripts and the launcher find them in one place.
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")
enable_testing()
