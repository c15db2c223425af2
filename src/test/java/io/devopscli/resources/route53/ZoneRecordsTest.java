package io.devopscli.resources.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Reading a zone whole: pages are followed by name, type and identifier, and a zone past three pages is
 * left to per-name lookups. Against a Route53Client that answers pages from a list (the paging, not
 * Route 53's semantics, is what is tested; the emulator tests cover the records themselves).
 */
class ZoneRecordsTest {
    private final List<ListResourceRecordSetsRequest> asked = new ArrayList<>();

    @Test
    void aZoneOfTwoPagesIsReadWholeFollowingTheNextRecord() {
        var records = ZoneRecords.read(client(2), "Z1");
        assertTrue(records.isPresent());
        assertEquals(List.of("r0.", "r1."), records.get().stream().map(ResourceRecordSet::name).toList());
        assertEquals(2, asked.size());
        assertEquals("r1.", asked.get(1).startRecordName());
        assertEquals("A", asked.get(1).startRecordTypeAsString());
        assertEquals("id-1", asked.get(1).startRecordIdentifier());
    }

    @Test
    void aZoneOverThreePagesIsLeftToLookupsPerName() {
        assertTrue(ZoneRecords.read(client(5), "Z1").isEmpty());
        assertEquals(3, asked.size(), "no fourth page is read");
    }

    /** A zone of the given number of pages, one record each. */
    @SuppressWarnings("unchecked")
    private Route53Client client(int pages) {
        return (Route53Client) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Route53Client.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("listResourceRecordSets")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    ListResourceRecordSetsRequest.Builder b = ListResourceRecordSetsRequest.builder();
                    ((Consumer<ListResourceRecordSetsRequest.Builder>) args[0]).accept(b);
                    ListResourceRecordSetsRequest request = b.build();
                    asked.add(request);
                    int page = request.startRecordName() == null ? 0
                            : Integer.parseInt(request.startRecordName().substring(1, request.startRecordName().length() - 1));
                    ListResourceRecordSetsResponse.Builder answer = ListResourceRecordSetsResponse.builder()
                            .resourceRecordSets(ResourceRecordSet.builder().name("r" + page + ".").type("A").build())
                            .isTruncated(page + 1 < pages);
                    if (page + 1 < pages) {
                        answer.nextRecordName("r" + (page + 1) + ".").nextRecordType("A").nextRecordIdentifier("id-" + (page + 1));
                    }
                    return answer.build();
                });
    }
}
