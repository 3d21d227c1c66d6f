package dev.itf.operator.notify;

import dev.itf.runner.Redactor;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An e-mail over SMTP with the run's PDF summary attached (summary.pdf). The server comes from a Secret: host, port
 * (default 587), username and password (optional), from, and tls: starttls (default: used when offered), required or
 * implicit. Every network wait has a deadline.
 */
public final class EmailDelivery implements Delivery {
    public static final String ATTACHMENT = "summary.pdf";
    private static final String TIMEOUT_MS = "15000";

    /** The PDF, rendered from the stored results at each attempt: a store that is down is worth another try. */
    public interface Pdf {
        byte[] render() throws IOException;
    }

    private final Smtp smtp;
    private final List<String> to;
    private final RunNotice notice;
    private final Pdf pdf;

    /** SMTP settings read from the Secret; a missing or wrong key is told by the key's name. */
    public record Smtp(String secretName, String host, int port, String username, String password, String from, String tls) {

        public static Smtp of(String secretName, Map<String, String> data) throws DeliveryFailure {
            String host = data.get("host");
            String from = data.get("from");
            if (host == null || host.isBlank() || from == null || from.isBlank()) {
                throw new DeliveryFailure("Secret " + secretName + " needs the keys host and from (and port, username, password, tls as needed)", false);
            }
            int port;
            try {
                port = Integer.parseInt(data.getOrDefault("port", "587").trim());
            } catch (NumberFormatException e) {
                throw new DeliveryFailure("Secret " + secretName + " key port: not a port number", false);
            }
            String tls = data.getOrDefault("tls", "starttls").trim();
            if (!List.of("starttls", "required", "implicit").contains(tls)) {
                throw new DeliveryFailure("Secret " + secretName + " key tls: \"" + tls + "\" is not one of starttls, required, implicit", false);
            }
            return new Smtp(secretName, host.trim(), port, data.get("username"), data.get("password"), from.trim(), tls);
        }

        @Override
        public String toString() {
            return "SMTP " + host + ":" + port + " (Secret " + secretName + ")";
        }
    }

    public EmailDelivery(Smtp smtp, List<String> to, RunNotice notice, Pdf pdf) {
        this.smtp = smtp;
        this.to = to;
        this.notice = notice;
        this.pdf = pdf;
    }

    @Override
    public String target() {
        return "e-mail to " + String.join(", ", to) + " via " + smtp.host() + ":" + smtp.port();
    }

    @Override
    public void attempt() throws DeliveryFailure {
        byte[] attachment;
        try {
            attachment = pdf.render();
        } catch (IOException e) {
            throw new DeliveryFailure("the PDF summary cannot be rendered: " + e.getMessage(), true);
        }
        Properties p = new Properties();
        String protocol = "implicit".equals(smtp.tls()) ? "smtps" : "smtp";
        p.setProperty("mail.transport.protocol", protocol);
        p.setProperty("mail." + protocol + ".host", smtp.host());
        p.setProperty("mail." + protocol + ".port", String.valueOf(smtp.port()));
        p.setProperty("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
        p.setProperty("mail." + protocol + ".timeout", TIMEOUT_MS);
        p.setProperty("mail." + protocol + ".writetimeout", TIMEOUT_MS);
        p.setProperty("mail." + protocol + ".auth", String.valueOf(smtp.username() != null && !smtp.username().isEmpty()));
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", String.valueOf("required".equals(smtp.tls())));
        p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        Session session = Session.getInstance(p);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(smtp.from()));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", to)));
            message.setSubject("[ITF] " + notice.headline(), "UTF-8");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(body(notice), "UTF-8");
            MimeBodyPart pdfPart = new MimeBodyPart();
            pdfPart.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(attachment, "application/pdf")));
            pdfPart.setFileName(ATTACHMENT);
            pdfPart.setDisposition(MimeBodyPart.ATTACHMENT);
            message.setContent(new MimeMultipart(text, pdfPart));
            message.saveChanges();
            try (Transport transport = session.getTransport(protocol)) {
                if (smtp.username() != null && !smtp.username().isEmpty()) {
                    transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
                } else {
                    transport.connect();
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (AddressException e) {
            throw new DeliveryFailure("an address is not valid: " + redact(e.getMessage()), false);
        } catch (AuthenticationFailedException e) {
            throw new DeliveryFailure(smtp + " refused the username and password", false);
        } catch (SendFailedException e) {
            throw new DeliveryFailure(smtp + " refused the message: " + redact(e.getMessage()), false);
        } catch (MessagingException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DeliveryFailure(smtp + ": " + redact(cause.getClass().getSimpleName() + ": " + cause.getMessage()), true);
        }
    }

    private String redact(String message) {
        Redactor redactor = new Redactor();
        redactor.register(smtp.password());
        return redactor.redact(message);
    }

    static String body(RunNotice n) {
        StringBuilder out = new StringBuilder();
        out.append(n.headline()).append("\n\n");
        var s = n.summary();
        out.append("Cases: ").append(s.total).append(" total, ").append(s.passed).append(" passed, ").append(s.failed)
                .append(" failed, ").append(s.errored).append(" errored, ").append(s.skipped).append(" skipped, ")
                .append(s.flaky).append(" flaky\n");
        if (n.duration() != null) {
            out.append("Duration: ").append(n.duration()).append('\n');
        }
        if (!n.failures().isEmpty()) {
            out.append("\nTop failures:\n");
            n.failures().forEach(f -> out.append("- ").append(f.id).append(' ').append(f.title == null ? "" : f.title)
                    .append(f.message == null ? "" : ": " + f.message.lines().findFirst().orElse("")).append('\n'));
        }
        if (n.reportUrl() != null) {
            out.append("\nReport: ").append(n.reportUrl()).append('\n');
        }
        out.append("\nThe executive summary is attached (").append(ATTACHMENT).append(").\n");
        return out.toString();
    }
}
