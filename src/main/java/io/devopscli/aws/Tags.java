package io.devopscli.aws;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ownership tag every resource the tool creates carries, and the Name tag beside it. */
public final class Tags {
    public static final String OWNER_KEY = "devops-cli:project";
    public static final String NAME_KEY = "Name";

    private Tags() {
    }

    /** Ownership plus Name, in a stable order. */
    public static Map<String, String> owned(String project, String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(OWNER_KEY, project);
        tags.put(NAME_KEY, name);
        return tags;
    }

    public static boolean isOwned(Map<String, String> tags, String project) {
        return project.equals(tags.get(OWNER_KEY));
    }
}
