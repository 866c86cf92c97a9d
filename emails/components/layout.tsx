import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

// The frame every Paperboy email shares. Confirmed subscribers always get the
// preference and unsubscribe links in the footer; a not-yet-confirmed address
// gets a note that ignoring the message is enough.

export type SubscriberLinks = { preferencesUrl: string; unsubscribeUrl: string };

const body = {
  backgroundColor: "#ffffff",
  color: "#18181b",
  fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
};
const container = { margin: "0 auto", maxWidth: "560px", padding: "24px 16px" };
const footer = { color: "#52525b", fontSize: "12px", lineHeight: "18px" };

export function EmailLayout({
  preview,
  links,
  children,
}: {
  preview: string;
  links?: SubscriberLinks;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={{ fontSize: "18px", fontWeight: 700, margin: "0 0 16px" }}>Paperboy</Text>
          {children}
          <Hr style={{ borderColor: "#e4e4e7", margin: "24px 0 12px" }} />
          <Section>
            {links ? (
              <Text style={footer}>
                You get this because you subscribed to the Paperboy digest.{" "}
                <Link href={links.preferencesUrl}>Manage preferences</Link> ·{" "}
                <Link href={links.unsubscribeUrl}>Unsubscribe</Link>
              </Text>
            ) : (
              <Text style={footer}>
                Someone entered this address on Paperboy. If it wasn&apos;t you, ignore this email: nothing is sent
                unless the address is confirmed.
              </Text>
            )}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#1d4ed8",
  borderRadius: "6px",
  color: "#ffffff",
  display: "inline-block",
  fontWeight: 600,
  padding: "10px 18px",
  textDecoration: "none",
};
export const textStyle = { fontSize: "15px", lineHeight: "22px" };
