# ASan + UBSan for the whole build when SMPPD_SANITIZE is on (scripts/test.sh builds a second tree).
if(SMPPD_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()
