package io.devopscli.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fargate's (Linux) task sizes: the CPU units it offers and the memory (MiB) each one allows. */
final class Fargate {
    private record MemoryRange(int min, int max, int step) {
        boolean allows(int memory) {
            return memory >= min && memory <= max && (memory - min) % step == 0;
        }

        @Override
        public String toString() {
            return min + " to " + max + " in steps of " + step;
        }
    }

    static final List<Integer> CPUS = List.of(256, 512, 1024, 2048, 4096, 8192, 16384);

    private static final Map<Integer, MemoryRange> MEMORY = Map.of(
            512, new MemoryRange(1024, 4096, 1024),
            1024, new MemoryRange(2048, 8192, 1024),
            2048, new MemoryRange(4096, 16384, 1024),
            4096, new MemoryRange(8192, 30720, 1024),
            8192, new MemoryRange(16384, 61440, 4096),
            16384, new MemoryRange(32768, 122880, 8192));

    private static final List<Integer> MEMORY_256 = List.of(512, 1024, 2048);

    private Fargate() {}

    /** The smallest memory Fargate allows with this CPU (the default when memory is not given). */
    static int minimumMemory(int cpu) {
        return cpu == 256 ? MEMORY_256.get(0) : MEMORY.get(cpu).min();
    }

    /** Empty when the pair is valid, else what Fargate allows for this CPU. */
    static Optional<String> memoryProblem(int cpu, int memory) {
        if (cpu == 256) {
            return MEMORY_256.contains(memory) ? Optional.empty() : Optional.of("512, 1024 or 2048");
        }
        MemoryRange range = MEMORY.get(cpu);
        return range.allows(memory) ? Optional.empty() : Optional.of(range.toString());
    }
}
