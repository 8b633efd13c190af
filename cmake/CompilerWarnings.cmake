# smppd::warnings: the project's warning set, linked PRIVATE by every target we own.
add_library(smppd_warnings INTERFACE)
add_library(smppd::warnings ALIAS smppd_warnings)
target_compile_options(smppd_warnings INTERFACE
    -Wall -Wextra -Wshadow -Wconversion -Wold-style-cast -Wnon-virtual-dtor -Wpedantic)
if(SMPPD_WARNINGS_AS_ERRORS)
    target_compile_options(smppd_warnings INTERFACE -Werror)
endif()
