export default function PreferencesLinkNotFound() {
  return (
    <>
      <h1 className="text-2xl font-bold">This link is not valid</h1>
      <p className="mt-2">
        It was copied incompletely, changed, or its subscription no longer exists. Use the link in your latest Paperboy
        email, or{" "}
        <a href="/subscribe" className="text-blue-700 underline dark:text-blue-400">
          subscribe
        </a>
        .
      </p>
    </>
  );
}
