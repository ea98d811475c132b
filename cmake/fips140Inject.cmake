# cmake/fips140Inject.cmake - fips140_inject(<target>): after <target> (an executable or shared library that links
# the fips140 module, statically or as part of itself) is linked, write the module's integrity MAC into it with
# `fips140 inject` (docs/INTEGRITY.md). Included by the project's own build and by the installed package config,
# where fips140::fips140 is the installed `fips140` command.
#
# If the injection refuses, the freshly linked file is deleted, so the build fails now and relinks next time
# instead of leaving a binary that aborts at start ("fips140: integrity check failed: module not injected").
function(fips140_inject target)
  if(NOT TARGET fips140::fips140)
    message(FATAL_ERROR "fips140_inject(${target}): the fips140::fips140 command target is not defined")
  endif()
  get_target_property(_fips140_imported fips140::fips140 IMPORTED)
  if(NOT _fips140_imported)
    get_target_property(_fips140_cli fips140::fips140 ALIASED_TARGET)
    add_dependencies(${target} ${_fips140_cli})
  endif()
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND sh -c "\"$1\" inject \"$2\" >/dev/null || { rm -f \"$2\"; exit 1; }" fips140_inject
      $<TARGET_FILE:fips140::fips140> $<TARGET_FILE:${target}>
    COMMENT "Injecting the fips140 integrity MAC into ${target}" VERBATIM)
endfunction()
