package com.partnersync.mapping;

import java.util.Map;
import java.util.Optional;

/** The tables and views of the partner model that mappings are validated against. */
public interface ModelCatalog {
    /** The columns of a table or view by name, in column order; empty when the model has no such relation. */
    Optional<Map<String, ModelColumn>> relation(String name);
}
