# strip-like-debian.cmake — run by CPack on its staging tree before the .deb is
# made: strips the program as Debian's dh_strip does (debug symbols, and the
# .comment and .note sections that only name the compiler), so the package
# carries no bytes the kiosk never reads.
find_program(KIOSK_STRIP strip REQUIRED)
file(GLOB_RECURSE programs "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/usr/bin/*")
if(NOT programs)
  message(FATAL_ERROR "nothing to strip under ${CPACK_TEMPORARY_INSTALL_DIRECTORY}/usr/bin")
endif()
foreach(program IN LISTS programs)
  execute_process(COMMAND ${KIOSK_STRIP} --remove-section=.comment --remove-section=.note
    --strip-unneeded ${program} RESULT_VARIABLE stripped)
  if(NOT stripped EQUAL 0)
    message(FATAL_ERROR "strip ${program} failed")
  endif()
endforeach()
