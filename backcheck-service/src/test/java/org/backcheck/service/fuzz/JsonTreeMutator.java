package org.backcheck.service.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backcheck.fuzz.ByteMutator;
import org.backcheck.fuzz.FuzzRun;

/**
 * Structure-aware mutations of a JSON request, so that most inputs get past the JSON parser and
 * reach the field checks and the FHIR reading: a value anywhere in the tree replaced by another
 * type, an odd number, a long or strange string, deep nesting or a copy of another part of the
 * tree; a member removed or added. Every other case is a byte-level {@link ByteMutator} mutation.
 */
public final class JsonTreeMutator implements FuzzRun.Mutation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public byte[] mutate(byte[] seed, long caseSeed) {
        if (caseSeed % 2 == 1) {
            return new ByteMutator(caseSeed).mutate(seed);
        }
        SplittableRandom random = new SplittableRandom(caseSeed);
        JsonNode root;
        try {
            root = JSON.readTree(seed);
        } catch (IOException e) {
            throw new IllegalArgumentException("a JSON fuzz seed must be valid JSON", e);
        }
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(root, containers);
        int times = 1 + random.nextInt(3);
        for (int i = 0; i < times; i++) {
            ContainerNode<?> at = containers.get(random.nextInt(containers.size()));
            change(at, odd(random, containers), random);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException tooDeep) {   // past Jackson's writing depth: leave depth to the byte mutations
            return new ByteMutator(caseSeed).mutate(seed);
        }
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> out) {
        if (node instanceof ContainerNode<?> c) {
            out.add(c);
            node.forEach(child -> collect(child, out));
        }
    }

    private static void change(ContainerNode<?> at, JsonNode value, SplittableRandom random) {
        if (at instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || random.nextInt(6) == 0) {
                o.set(names.isEmpty() || random.nextBoolean() ? "extension" : names.get(0) + "_", value);
            } else if (random.nextInt(5) == 0) {
                o.remove(names.get(random.nextInt(names.size())));
            } else {
                o.set(names.get(random.nextInt(names.size())), value);
            }
        } else if (at instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextInt(4) == 0) {
                a.add(value);
            } else {
                a.set(random.nextInt(a.size()), value);
            }
        }
    }

    private static JsonNode odd(SplittableRandom random, List<ContainerNode<?>> containers) {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextInt(3) - 1);
            case 2 -> NODES.numberNode(new BigDecimal("1e999"));
            case 3 -> NODES.numberNode(new BigDecimal("-99999999999999999999999999.5"));
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.textNode("");
            case 6 -> NODES.textNode("x".repeat(1 + random.nextInt(100_000)));
            case 7 -> NODES.textNode(new String[] {"\u0000", "\uD800", "+99999-01-01T00:00:00Z", "2024-02-30",
                "ServiceRequest/", "../../x", "\u202Eevil", "Patient/1", "M54.5", "U054", "urgent"}[random.nextInt(11)]);
            case 8 -> NODES.arrayNode().add(1);
            case 9 -> NODES.objectNode();
            case 10 -> nested(1 + random.nextInt(990));
            case 11 -> NODES.arrayNode();
            case 12 -> NODES.objectNode().set("resourceType", NODES.textNode(
                    new String[] {"Bundle", "Patient", "Condition", "ServiceRequest", "Encounter", "Nope"}[random.nextInt(6)]));
            default -> containers.get(random.nextInt(containers.size())).deepCopy();
        };
    }

    private static JsonNode nested(int depth) {
        JsonNode node = NODES.arrayNode();
        for (int i = 0; i < depth; i++) {
            node = NODES.arrayNode().add(node);
        }
        return node;
    }
}
