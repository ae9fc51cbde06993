package dev.berth.grpc.convert;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.request.SandboxRequest;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads request files: a {@code DriverSandbox} message in protobuf's JSON mapping (lowerCamelCase
 * or snake_case field names), written as JSON or as YAML of the same shape.
 */
public final class RequestFiles {

  /** Larger files are refused rather than read: a request is a few kilobytes. */
  public static final int MAX_BYTES = 1 << 20;

  /** Field path used for problems with the file as a whole. */
  public static final String FILE_FIELD = "request";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private RequestFiles() {}

  /** Reads and converts a file; I/O failures are exceptions, bad content is violations. */
  public static Result<SandboxRequest> read(Path file) throws IOException {
    return readMessage(file).flatMap(ProtoRequests::read);
  }

  /** Reads a file into the protobuf message, for callers that send it over gRPC. */
  public static Result<DriverSandbox> readMessage(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      return invalid("is larger than 1 MiB; a sandbox request is a few kilobytes.");
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    return parseMessage(new String(bytes, StandardCharsets.UTF_8), isYaml(name));
  }

  /** Parses text as YAML or JSON into a request. */
  public static Result<SandboxRequest> parse(String text, boolean yaml) {
    return parseMessage(text, yaml).flatMap(ProtoRequests::read);
  }

  /** Parses text into the protobuf message, for callers that send it over gRPC. */
  public static Result<DriverSandbox> parseMessage(String text, boolean yaml) {
    JsonNode tree;
    try {
      tree = yaml ? YAML.readTree(text) : JSON.readTree(text);
    } catch (JacksonException e) {
      return invalid(
          "is not valid "
              + (yaml ? "YAML" : "JSON")
              + ": "
              + oneLine(e.getOriginalMessage())
              + location(e));
    }
    if (tree == null || !tree.isObject()) {
      return invalid(
          "must hold one DriverSandbox object (with id, name, workspace and spec), but holds "
              + (tree == null || tree.isMissingNode()
                  ? "nothing"
                  : tree.getNodeType().toString().toLowerCase(Locale.ROOT))
              + ".");
    }
    DriverSandbox.Builder builder = DriverSandbox.newBuilder();
    try {
      PARSER.merge(JSON.writeValueAsString(tree), builder);
    } catch (InvalidProtocolBufferException e) {
      return invalid("is not a DriverSandbox message: " + e.getMessage());
    }
    return Result.valid(builder.build());
  }

  static boolean isYaml(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  /**
   * Parser messages span several lines with an excerpt and a caret; keep the sentences so a
   * violation stays one line.
   */
  static String oneLine(String message) {
    return message
        .lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .map(String::strip)
        .reduce((a, b) -> a + "; " + b)
        .orElse("unreadable");
  }

  private static String location(JacksonException e) {
    return e.getLocation() == null
        ? "."
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ").";
  }

  private static <T> Result<T> invalid(String sentence) {
    return Result.invalid(List.of(new Violation(FILE_FIELD, sentence)));
  }
}
