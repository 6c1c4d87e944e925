package com.partnersync.mapping;

import java.util.List;

/** Mapping files that do not fit the model; {@link #problems()} lists every problem as "file:line: key: what". */
public class MappingException extends RuntimeException {
    private final List<String> problems;

    public MappingException(List<String> problems) {
        super(problems.size() + (problems.size() == 1 ? " mapping problem:" : " mapping problems:") + "\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
