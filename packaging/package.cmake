# package.cmake — the Debian package: what a kiosk PC needs besides the
# program (settings as a conffile, systemd units, the USB rule and mount
# helper, PAM, documentation), and CPack's DEB settings. Included from the
# top CMakeLists.txt; packaging/build-deb.sh builds the .deb.

option(KIOSK_INSTALL_SYSTEM_FILES
  "Install the systemd units, udev rule, PAM file and /etc settings (for the .deb)" OFF)
set(KIOSK_SYSTEMD_UNIT_DIR /lib/systemd/system CACHE PATH "systemd system units")
set(KIOSK_UDEV_RULES_DIR /lib/udev/rules.d CACHE PATH "udev rules")
set(KIOSK_TMPFILES_DIR /usr/lib/tmpfiles.d CACHE PATH "tmpfiles.d snippets")

set(KIOSK_PACKAGE_DIR ${CMAKE_SOURCE_DIR}/packaging)
set(KIOSK_PACKAGE_BUILD_DIR ${CMAKE_BINARY_DIR}/package)
file(MAKE_DIRECTORY ${KIOSK_PACKAGE_BUILD_DIR})

# The settings a packaged kiosk starts with: data/buurtkiosk.ini, with USB
# sticks looked for only where buurtkiosk-usb-mount mounts them (nosuid,
# nodev, noexec), not wherever something else may mount.
file(READ ${CMAKE_SOURCE_DIR}/data/buurtkiosk.ini KIOSK_SETTINGS)
string(REGEX REPLACE "\nroots = [^\n]*\n" "\nroots = /media/buurtkiosk\n" KIOSK_PACKAGED_SETTINGS
  "${KIOSK_SETTINGS}")
if(KIOSK_PACKAGED_SETTINGS STREQUAL KIOSK_SETTINGS)
  message(FATAL_ERROR "data/buurtkiosk.ini has no 'roots = ' line for the package to set")
endif()
file(WRITE ${KIOSK_PACKAGE_BUILD_DIR}/buurtkiosk.ini "${KIOSK_PACKAGED_SETTINGS}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/data/buurtkiosk.ini)

# debian/copyright: the header, then the OFL's text once, indented as the
# machine-readable format wants (a blank line becomes " .").
file(READ ${KIOSK_PACKAGE_DIR}/debian/copyright.in KIOSK_COPYRIGHT)
file(STRINGS ${CMAKE_SOURCE_DIR}/fonts/OFL-AtkinsonHyperlegible.txt KIOSK_OFL_LINES)
set(KIOSK_OFL_TEXT "")
set(KIOSK_OFL_STARTED OFF)
foreach(line IN LISTS KIOSK_OFL_LINES)
  if(line MATCHES "^SIL OPEN FONT LICENSE")
    set(KIOSK_OFL_STARTED ON)
  endif()
  if(NOT KIOSK_OFL_STARTED)
    continue()
  endif()
  string(STRIP "${line}" stripped)
  if(stripped STREQUAL "")
    string(APPEND KIOSK_OFL_TEXT " .\n")
  else()
    string(APPEND KIOSK_OFL_TEXT " ${line}\n")
  endif()
endforeach()
file(WRITE ${KIOSK_PACKAGE_BUILD_DIR}/copyright "${KIOSK_COPYRIGHT}${KIOSK_OFL_TEXT}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${KIOSK_PACKAGE_DIR}/debian/copyright.in ${CMAKE_SOURCE_DIR}/fonts/OFL-AtkinsonHyperlegible.txt)

# Debian wants the changelog and the manual page compressed, reproducibly.
find_program(KIOSK_GZIP gzip REQUIRED)
foreach(compressed changelog buurtkiosk.1)
  if(compressed STREQUAL changelog)
    set(source ${KIOSK_PACKAGE_DIR}/debian/changelog)
  else()
    set(source ${KIOSK_PACKAGE_DIR}/${compressed})
  endif()
  add_custom_command(OUTPUT ${KIOSK_PACKAGE_BUILD_DIR}/${compressed}.gz
    COMMAND ${KIOSK_GZIP} -9nc ${source} > ${KIOSK_PACKAGE_BUILD_DIR}/${compressed}.gz
    DEPENDS ${source}
    VERBATIM)
  list(APPEND KIOSK_COMPRESSED_DOCS ${KIOSK_PACKAGE_BUILD_DIR}/${compressed}.gz)
endforeach()
add_custom_target(buurtkiosk_package_docs ALL DEPENDS ${KIOSK_COMPRESSED_DOCS})

install(FILES ${KIOSK_PACKAGE_BUILD_DIR}/buurtkiosk.1.gz
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

if(KIOSK_INSTALL_SYSTEM_FILES)
  install(FILES ${KIOSK_PACKAGE_BUILD_DIR}/buurtkiosk.ini
    DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/buurtkiosk)
  install(FILES ${KIOSK_PACKAGE_DIR}/system/buurtkiosk.pam
    DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/pam.d RENAME buurtkiosk)
  install(FILES ${KIOSK_PACKAGE_DIR}/system/buurtkiosk.service
    ${KIOSK_PACKAGE_DIR}/system/buurtkiosk-usb@.service
    DESTINATION ${KIOSK_SYSTEMD_UNIT_DIR})
  install(FILES ${KIOSK_PACKAGE_DIR}/system/90-buurtkiosk-usb.rules
    DESTINATION ${KIOSK_UDEV_RULES_DIR})
  install(FILES ${KIOSK_PACKAGE_DIR}/system/buurtkiosk-tmpfiles.conf
    DESTINATION ${KIOSK_TMPFILES_DIR} RENAME buurtkiosk.conf)
  install(PROGRAMS ${KIOSK_PACKAGE_DIR}/system/buurtkiosk-usb-mount
    DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/buurtkiosk)
  install(FILES ${KIOSK_PACKAGE_BUILD_DIR}/copyright ${KIOSK_PACKAGE_BUILD_DIR}/changelog.gz
    DESTINATION ${CMAKE_INSTALL_DOCDIR})
  install(FILES ${KIOSK_PACKAGE_DIR}/README.md
    DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME README.nl.md)
  install(FILES ${KIOSK_PACKAGE_DIR}/debian/lintian-overrides
    DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME buurtkiosk)
endif()

# --- CPack: buurtkiosk_<version>_<arch>.deb ---------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME buurtkiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "touch-screen kiosk for peer-support groups and walks in a buurthuis")
# The long description; CPack puts the summary above it and indents it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Buurtkiosk runs full screen on a touch screen in a neighbourhood centre. It
asks residents a few plain-language questions, shows the peer-support groups
and walks nearby, and prints a slip with a QR code to sign up. Volunteers
update the catalogue from a USB stick. It works offline and keeps no
personal data.

The package starts the kiosk at boot on tty1 under the cage compositor, as
its own system user, restarts it when it ends or stops answering, and mounts
USB sticks safely under /media/buurtkiosk.")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Buurtkiosk <beheer@buurtkiosk.nl>")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The libraries the binary links are computed by dpkg-shlibdeps; what it runs
# under (cage, which needs Xwayland to start) and the maintainer scripts' tools
# are named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "cage, xwayland, adduser, systemd, espeak-ng-data")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cups")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${KIOSK_PACKAGE_DIR}/debian/conffiles ${KIOSK_PACKAGE_DIR}/debian/postinst
  ${KIOSK_PACKAGE_DIR}/debian/prerm ${KIOSK_PACKAGE_DIR}/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PRE_BUILD_SCRIPTS ${KIOSK_PACKAGE_DIR}/strip-like-debian.cmake)
include(CPack)
