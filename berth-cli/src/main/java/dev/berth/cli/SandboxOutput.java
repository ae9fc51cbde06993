package dev.berth.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.berth.grpc.proto.DriverCondition;
import dev.berth.grpc.proto.DriverPlatformEvent;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.DriverSandboxStatus;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Prints driver answers: protobuf messages as JSON or YAML with the proto's snake_case field names
 * (the same shape request files use), or as tables and summaries for people.
 */
final class SandboxOutput {

  private static final JsonFormat.Printer PRETTY =
      JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence();
  private static final JsonFormat.Printer COMPACT = PRETTY.omittingInsignificantWhitespace();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private SandboxOutput() {}

  /** A message as pretty JSON or as a YAML document. */
  static void message(PrintWriter out, OutputFormat format, MessageOrBuilder message) {
    if (format == OutputFormat.yaml) {
      out.print(YAML.writeValueAsString(tree(message)));
    } else {
      out.println(print(PRETTY, message));
    }
    out.flush();
  }

  /** A small result object (id, deleted) as JSON or YAML, keys sorted for stable output. */
  static void fields(PrintWriter out, OutputFormat format, Map<String, Object> fields) {
    Map<String, Object> sorted = new TreeMap<>(fields);
    if (format == OutputFormat.yaml) {
      out.print(YAML.writeValueAsString(sorted));
    } else {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted));
    }
    out.flush();
  }

  /** One watch event: a line of text, one compact JSON object (JSON Lines) or a YAML document. */
  static void event(PrintWriter out, OutputFormat format, WatchSandboxesEvent event) {
    switch (format) {
      case json -> out.println(print(COMPACT, event));
      case yaml -> out.print(YAML.writeValueAsString(tree(event)));
      case text -> out.println(eventLine(event));
    }
    out.flush();
  }

  /** A table of sandboxes, one row each, columns padded to their widest cell. */
  static void table(PrintWriter out, List<DriverSandbox> sandboxes) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "NAME", "WORKSPACE", "NAMESPACE", "STATE", "POD"});
    for (DriverSandbox s : sandboxes) {
      rows.add(
          new String[] {
            s.getId(),
            s.getName(),
            s.getWorkspace(),
            s.getNamespace(),
            state(s),
            dash(s.getStatus().getInstanceId())
          });
    }
    out.print(Reports.table(rows));
    out.flush();
  }

  /** A sandbox for people: identity, state, pod and conditions. */
  static void summary(PrintWriter out, DriverSandbox s) {
    out.println("id:        " + s.getId());
    out.println("name:      " + s.getName());
    out.println("workspace: " + s.getWorkspace());
    out.println("namespace: " + s.getNamespace());
    out.println("state:     " + state(s));
    if (s.hasStatus()) {
      DriverSandboxStatus st = s.getStatus();
      out.println("resource:  " + dash(st.getName()));
      out.println("pod:       " + dash(st.getInstanceId()));
      for (DriverCondition c : st.getConditionsList()) {
        out.println(
            "condition: "
                + c.getType()
                + "="
                + c.getStatus()
                + (c.getReason().isEmpty() ? "" : " (" + c.getReason() + ")")
                + (c.getMessage().isEmpty() ? "" : ": " + c.getMessage()));
      }
    }
    out.flush();
  }

  /**
   * A one-word state the way the gateway derives it from the raw status: Deleting, Stopped, Ready,
   * else the Ready condition's reason, else Pending.
   */
  static String state(DriverSandbox s) {
    if (!s.hasStatus()) {
      return "Pending";
    }
    DriverSandboxStatus st = s.getStatus();
    if (st.getDeleting()) {
      return "Deleting";
    }
    if (condition(st, "Suspended").filter(c -> c.getStatus().equals("True")).isPresent()) {
      return "Stopped";
    }
    Optional<DriverCondition> ready = condition(st, "Ready");
    if (ready.filter(c -> c.getStatus().equals("True")).isPresent()) {
      return "Ready";
    }
    return ready.map(DriverCondition::getReason).filter(r -> !r.isEmpty()).orElse("Pending");
  }

  static String eventLine(WatchSandboxesEvent e) {
    return switch (e.getPayloadCase()) {
      case SANDBOX -> {
        DriverSandbox s = e.getSandbox().getSandbox();
        yield "sandbox  " + s.getId() + " " + s.getName() + " " + state(s);
      }
      case DELETED -> "deleted  " + e.getDeleted().getSandboxId();
      case PLATFORM_EVENT -> {
        DriverPlatformEvent p = e.getPlatformEvent().getEvent();
        yield "event    "
            + e.getPlatformEvent().getSandboxId()
            + " "
            + (p.getTimestampMs() == 0 ? "" : Instant.ofEpochMilli(p.getTimestampMs()) + " ")
            + p.getType()
            + " "
            + p.getReason()
            + ": "
            + p.getMessage();
      }
      case PAYLOAD_NOT_SET -> "unknown  (an event kind this client does not know)";
    };
  }

  private static Optional<DriverCondition> condition(DriverSandboxStatus st, String type) {
    return st.getConditionsList().stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  private static JsonNode tree(MessageOrBuilder message) {
    return JSON.readTree(print(COMPACT, message));
  }

  private static String print(JsonFormat.Printer printer, MessageOrBuilder message) {
    try {
      return printer.print(message);
    } catch (InvalidProtocolBufferException e) {
      // Only Any fields with unknown types fail to print; driver answers have none.
      throw new IllegalStateException("cannot print a driver answer as JSON", e);
    }
  }

  private static String dash(String value) {
    return value.isEmpty() ? "-" : value;
  }
}
