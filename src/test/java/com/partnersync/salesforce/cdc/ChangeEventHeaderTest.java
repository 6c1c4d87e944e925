package com.partnersync.salesforce.cdc;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the documented ChangeEventHeader of a Change Data Capture event (Avro, as the Pub/Sub API delivers it). */
class ChangeEventHeaderTest {
    private static final List<String> TYPES = List.of("CREATE", "UPDATE", "DELETE", "UNDELETE", "GAP_CREATE",
            "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE", "GAP_OVERFLOW");

    private static Schema event(boolean enumChangeType) {
        Schema strings = SchemaBuilder.array().items().stringType();
        Schema changeType = enumChangeType
                ? SchemaBuilder.enumeration("ChangeType").namespace("com.sforce.eventbus").symbols(TYPES.toArray(String[]::new))
                : Schema.create(Schema.Type.STRING);
        Schema header = SchemaBuilder.record("ChangeEventHeader").namespace("com.sforce.eventbus").fields()
                .requiredString("entityName").name("recordIds").type(strings).noDefault()
                .name("changeType").type(changeType).noDefault()
                .requiredString("changeOrigin").requiredString("transactionKey").requiredInt("sequenceNumber")
                .requiredLong("commitTimestamp").requiredLong("commitNumber").requiredString("commitUser")
                .name("nulledFields").type(strings).noDefault().name("diffFields").type(strings).noDefault()
                .name("changedFields").type(strings).noDefault().endRecord();
        return SchemaBuilder.record("OpportunityChangeEvent").namespace("com.sforce.eventbus").fields()
                .name("ChangeEventHeader").type(header).noDefault().optionalString("Name").endRecord();
    }

    private static GenericRecord record(Schema schema, String type, List<String> ids) {
        Schema headerSchema = schema.getField("ChangeEventHeader").schema();
        GenericRecord header = new GenericData.Record(headerSchema);
        header.put("entityName", "Opportunity");
        header.put("recordIds", ids);
        Schema typeSchema = headerSchema.getField("changeType").schema();
        header.put("changeType", typeSchema.getType() == Schema.Type.ENUM ? new GenericData.EnumSymbol(typeSchema, type) : type);
        header.put("transactionKey", "0002b5a1-f0ba-4ef1-bd3e-d0e3a1c2a6f4");
        header.put("commitTimestamp", 1_767_225_600_123L);
        GenericRecord event = new GenericData.Record(schema);
        event.put("ChangeEventHeader", header);
        return event;
    }

    @ParameterizedTest(name = "{0} (enum changeType: {2})")
    @CsvSource({
            "CREATE,       false, true",
            "UPDATE,       false, true",
            "DELETE,       false, true",
            "UNDELETE,     false, true",
            "GAP_CREATE,   true,  true",
            "GAP_UPDATE,   true,  true",
            "GAP_DELETE,   true,  true",
            "GAP_UNDELETE, true,  true",
            "GAP_OVERFLOW, true,  true",
            "UPDATE,       false, false",
            "GAP_OVERFLOW, true,  false"})
    void readsTheHeaderOfEveryChangeType(String type, boolean gap, boolean enumChangeType) {
        ChangeEvent event = ChangeEvent.from(record(event(enumChangeType), type, List.of("006A0000001AbCdEAF", "006A0000001AbCdEAG")), "AAAAAAAAAAc=");

        assertThat(event).isEqualTo(new ChangeEvent("Opportunity", type, List.of("006A0000001AbCdEAF", "006A0000001AbCdEAG"),
                Instant.ofEpochMilli(1_767_225_600_123L), "0002b5a1-f0ba-4ef1-bd3e-d0e3a1c2a6f4", "AAAAAAAAAAc="));
        assertThat(event.gap()).isEqualTo(gap);
    }

    @Test
    void anEventWithoutAChangeEventHeaderIsRefusedByName() {
        Schema platformEvent = SchemaBuilder.record("Order_Shipped__e").namespace("com.sforce.eventbus").fields()
                .optionalString("Order_Number__c").endRecord();

        assertThatThrownBy(() -> ChangeEvent.from(new GenericData.Record(platformEvent), "AAAAAAAAAAc="))
                .hasMessageContaining("com.sforce.eventbus.Order_Shipped__e");
    }
}
