package io.devopscli.resources;

import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import java.util.List;
import java.util.Optional;

/**
 * Test only: publishes the id of a parent the test made itself with a plain SDK client (a VPC, a subnet),
 * so a reconciler under test gets its parents through the graph, as in production, without depending on
 * the parents' own reconcilers. The spec is the id. It never changes or deletes anything: the test owns it.
 */
public final class PreMadeReconciler implements Reconciler<String, String>, Updatable<String, String> {

    @Override
    public Optional<String> observe(String id, RegionContext ctx) {
        return Optional.of(id);
    }

    @Override
    public List<FieldChange> diff(String id, String actual) {
        return List.of();
    }

    @Override
    public String create(String id, RegionContext ctx) {
        return id;
    }

    @Override
    public String update(String id, String actual, List<FieldChange> changes, RegionContext ctx) {
        return actual;
    }

    @Override
    public void delete(String actual, RegionContext ctx) {
        // the test made it and the emulator reset removes it
    }

    @Override
    public String id(String actual) {
        return actual;
    }
}
