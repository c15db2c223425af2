package io.devopscli.resources.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the lock object holds: which run holds it, who started it, where, when, and for which command. */
public record LockRecord(String id, String who, String host, long pid, String command, String acquiredAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        return write(fields());
    }

    private Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("who", who);
        m.put("host", host);
        m.put("pid", pid);
        m.put("command", command);
        m.put("acquiredAt", acquiredAt);
        return m;
    }

    private static String write(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a run leaves at its end instead of deleting the lock: the same record marked released, so the
     * object's ETag changes with every run (see ProjectLock.seen).
     */
    String releasedJson(String releasedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("released", true);
        m.put("releasedAt", releasedAt);
        m.putAll(fields());
        return write(m);
    }

    /** Whether the lock object is a released marker (no run holds it). */
    static boolean isReleased(String json) {
        try {
            return JSON.readTree(json).path("released").asBoolean(false);
        } catch (Exception e) {
            return false; // unreadable: it blocks, see fromJson
        }
    }

    static LockRecord fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new LockRecord(n.path("id").asText("?"), n.path("who").asText("?"), n.path("host").asText("?"),
                    n.path("pid").asLong(-1), n.path("command").asText("?"), n.path("acquiredAt").asText("?"));
        } catch (Exception e) {
            // A lock object someone wrote by hand still blocks: it is shown as unreadable, never ignored.
            return new LockRecord("?", "?", "?", -1, "unreadable lock object", "?");
        }
    }

    /** "id 3f2a... held by alice@build-7 (pid 4242) for `up` since 2026-12-01T14:00:00Z". */
    public String describe() {
        return "lock " + id + " held by " + who + "@" + host + " (pid " + pid + ") for `" + command + "` since "
                + acquiredAt;
    }
}
