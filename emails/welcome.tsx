import { Button, Text } from "@react-email/components";
import { type ChoiceSummary, describeChoices } from "./components/choices";
import { buttonStyle, EmailLayout, type SubscriberLinks, textStyle } from "./components/layout";

export type WelcomeEmailProps = ChoiceSummary & SubscriberLinks;

export function WelcomeEmail({ preferencesUrl, unsubscribeUrl, ...choices }: WelcomeEmailProps) {
  return (
    <EmailLayout preview="You're subscribed to Paperboy" links={{ preferencesUrl, unsubscribeUrl }}>
      <Text style={textStyle}>You&apos;re subscribed. You will get {describeChoices(choices)}.</Text>
      <Text style={textStyle}>
        Change topics, frequency or keywords, pause, unsubscribe or delete your data at any time from your preference
        page. Keep this email: the link is personal.
      </Text>
      <Button href={preferencesUrl} style={buttonStyle}>
        Manage preferences
      </Button>
    </EmailLayout>
  );
}

WelcomeEmail.PreviewProps = {
  preferencesUrl: "http://localhost:3000/preferences?token=example",
  unsubscribeUrl: "http://localhost:3000/unsubscribe?token=example",
  frequency: "daily",
  allTopics: true,
  topicNames: [],
  keywords: [],
} satisfies WelcomeEmailProps;

export const PreviewProps = WelcomeEmail.PreviewProps;
export default WelcomeEmail;
