# Embeds schema_dir/NNNN_name.sql into a C++ source file, so the program carries its own schema:
# `std::span<const Migration> FUNCTION()` lists them in order, numbered from `first` without a
# gap (SQLite's from 1; PostgreSQL's from 10, where that engine starts).
# An optional fifth argument embeds NNNN_name.EXT files instead (PostgreSQL's catalog text of
# each version, NNNN_catalog.txt), in the same form.
# Called at configure time; CMAKE_CONFIGURE_DEPENDS re-runs it when a schema file changes.
function(needlebook_embed_schema schema_dir output first function)
    set(extension sql)
    if(ARGC GREATER 4)
        set(extension "${ARGV4}")
    endif()
    file(GLOB schema_files CONFIGURE_DEPENDS "${schema_dir}/[0-9][0-9][0-9][0-9]_*.${extension}")
    list(SORT schema_files)
    # GLOB CONFIGURE_DEPENDS notices added or removed files only; this notices edits too.
    set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${schema_files})
    set(entries "")
    set(expected ${first})
    foreach(schema_file IN LISTS schema_files)
        get_filename_component(name "${schema_file}" NAME_WE)
        string(SUBSTRING "${name}" 0 4 number)
        math(EXPR version "${number}")
        if(NOT version EQUAL expected)
            message(FATAL_ERROR "${schema_dir}/${name}.${extension}: expected number ${expected}")
        endif()
        math(EXPR expected "${expected} + 1")
        file(READ "${schema_file}" sql)
        string(FIND "${sql}" ")nbsql\"" clash)
        if(NOT clash EQUAL -1)
            message(FATAL_ERROR "${schema_dir}/${name}.${extension} contains the raw-string delimiter )nbsql\"")
        endif()
        string(APPEND entries "    {${version}, \"${name}\", R\"nbsql(${sql})nbsql\"},\n")
    endforeach()
    if(entries STREQUAL "")
        message(FATAL_ERROR "${schema_dir}: no NNNN_name.${extension} file")
    endif()
    set(NEEDLEBOOK_MIGRATIONS "${entries}")
    set(NEEDLEBOOK_MIGRATIONS_FUNCTION "${function}")
    configure_file("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/migrations.cpp.in" "${output}" @ONLY)
endfunction()
