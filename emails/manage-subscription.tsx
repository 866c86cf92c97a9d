import { Button, Text } from "@react-email/components";
import { buttonStyle, EmailLayout, type SubscriberLinks, textStyle } from "./components/layout";

// Sent instead of a confirmation when an already subscribed address is entered
// in the form again, so the form never reveals who is subscribed.
export type ManageSubscriptionEmailProps = SubscriberLinks & { paused: boolean };

export function ManageSubscriptionEmail({ preferencesUrl, unsubscribeUrl, paused }: ManageSubscriptionEmailProps) {
  return (
    <EmailLayout preview="Manage your Paperboy subscription" links={{ preferencesUrl, unsubscribeUrl }}>
      <Text style={textStyle}>
        Someone (probably you) asked to subscribe this address to Paperboy. It is already subscribed
        {paused ? ", and the digest is paused" : ""}: nothing has changed.
      </Text>
      <Text style={textStyle}>To change topics, frequency or keywords, or to leave, use your preference page.</Text>
      <Button href={preferencesUrl} style={buttonStyle}>
        Manage preferences
      </Button>
    </EmailLayout>
  );
}

ManageSubscriptionEmail.PreviewProps = {
  preferencesUrl: "http://localhost:3000/preferences?token=example",
  unsubscribeUrl: "http://localhost:3000/unsubscribe?token=example",
  paused: false,
} satisfies ManageSubscriptionEmailProps;

export const PreviewProps = ManageSubscriptionEmail.PreviewProps;
export default ManageSubscriptionEmail;
