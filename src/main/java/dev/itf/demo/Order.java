package dev.itf.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** An order of the demo target. Immutable: updates produce a new copy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Order(String id, String customer, JsonNode items, Double total, String status, String createdAt, String updatedAt) {

    Order with(String newCustomer, JsonNode newItems, Double newTotal, String newStatus, String now) {
        return new Order(id, newCustomer, newItems, newTotal, newStatus, createdAt, now);
    }
}
