import { Button, Link, Text } from "@react-email/components";
import { type ChoiceSummary, describeChoices } from "./components/choices";
import { buttonStyle, EmailLayout, textStyle } from "./components/layout";

export type ConfirmationEmailProps = ChoiceSummary & {
  confirmUrl: string;
  expiresInHours: number;
};

export function ConfirmationEmail({ confirmUrl, expiresInHours, ...choices }: ConfirmationEmailProps) {
  return (
    <EmailLayout preview="Confirm your Paperboy subscription">
      <Text style={textStyle}>Please confirm that you want the Paperboy digest: {describeChoices(choices)}.</Text>
      <Button href={confirmUrl} style={buttonStyle}>
        Confirm subscription
      </Button>
      <Text style={textStyle}>
        Or open this link: <Link href={confirmUrl}>{confirmUrl}</Link>
      </Text>
      <Text style={textStyle}>The link works once and expires in {expiresInHours} hours.</Text>
    </EmailLayout>
  );
}

ConfirmationEmail.PreviewProps = {
  confirmUrl: "http://localhost:3000/confirm?token=example",
  expiresInHours: 48,
  frequency: "weekly",
  allTopics: false,
  topicNames: ["Quantization", "Multimodal models"],
  keywords: ["speculative decoding"],
} satisfies ConfirmationEmailProps;

export const PreviewProps = ConfirmationEmail.PreviewProps;
export default ConfirmationEmail;
